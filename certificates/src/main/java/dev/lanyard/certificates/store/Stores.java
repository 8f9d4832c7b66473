package dev.lanyard.certificates.store;

import dev.lanyard.core.cert.StoreSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Opens the store a {@link StoreSpec} describes. */
public final class Stores {

  private Stores() {}

  /** @throws StoreException when the store cannot exist here (a Secret without a cluster) */
  public static CertificateStore open(StoreSpec spec, Optional<KubernetesClient> kube) throws StoreException {
    return switch (spec) {
      case StoreSpec.Directory d -> new DirectoryStore(d.dir(), d.reload().filter(r -> !r.isBlank()).map(ReloadCommand::new));
      case StoreSpec.Secret s -> new SecretStore(kube.orElseThrow(() -> new StoreException(
          spec + ": a Secret store needs a Kubernetes cluster; without one use a dir store")), s.namespace(), s.name());
    };
  }
}
