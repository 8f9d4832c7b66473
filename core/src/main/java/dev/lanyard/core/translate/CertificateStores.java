package dev.lanyard.core.translate;

import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.config.LanyardConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Where certificates found in the cluster's objects are written: the Secret the Gateway listener
 * names (when Lanyard talks to Kubernetes), and {@code certificates.gateways.dir/<ns>/<secret>/}
 * when that is set.
 */
final class CertificateStores {
  private final LanyardConfig config;

  CertificateStores(LanyardConfig config) {
    this.config = config;
  }

  List<StoreSpec> forSecret(String namespace, String secretName) {
    List<StoreSpec> out = new ArrayList<>();
    if (config.sources().kubernetes().enabled()) {
      out.add(new StoreSpec.Secret(namespace, secretName));
    }
    config.certificates().gateways().dir().ifPresent(dir ->
        out.add(new StoreSpec.Directory(dir.resolve(namespace).resolve(secretName), config.certificates().gateways().reload())));
    return out;
  }

  String noStoreHint() {
    return "no store: enable sources.kubernetes (Secret store) or set certificates.gateways.dir";
  }
}
