package dev.lanyard.app.cli;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.source.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** The Kubernetes client, when the config has anything that talks to the Kubernetes API. */
final class Kube {
  private Kube() {}

  static Optional<KubernetesClient> clientFor(LanyardConfig config) {
    return config.needsKubernetesClient()
        ? Optional.of(KubernetesClients.create(config.sources().kubernetes()))
        : Optional.empty();
  }
}
