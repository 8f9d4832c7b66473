package dev.lanyard.core.source;

import dev.lanyard.core.config.SourcesConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Builds the one Kubernetes client the process shares: from the configured kubeconfig and context, or in-cluster. */
public final class KubernetesClients {
  private KubernetesClients() {}

  public static KubernetesClient create(SourcesConfig.Kubernetes config) {
    Config c = config.kubeconfig().isPresent()
        ? Config.fromKubeconfig(config.context().orElse(null), config.kubeconfig().get().toFile())
        : Config.autoConfigure(config.context().orElse(null));
    return new KubernetesClientBuilder().withConfig(c).build();
  }
}
