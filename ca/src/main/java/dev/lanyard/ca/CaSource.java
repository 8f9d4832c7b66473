package dev.lanyard.ca;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** Where a CA lives; loaded on each use so that a rotated CA is picked up without a restart. */
public interface CaSource {

  CertificateAuthority load() throws CaException;

  /** For messages: {@code dir ./ca} or {@code secret cert-manager/idp-demo-ca}. */
  String describe();

  static CaSource directory(Path dir) {
    return new CaSource() {
      @Override
      public CertificateAuthority load() throws CaException {
        return CaDirectory.load(dir);
      }

      @Override
      public String describe() {
        return "dir " + dir;
      }
    };
  }

  static CaSource secret(KubernetesClient client, String namespace, String name) {
    return new CaSource() {
      @Override
      public CertificateAuthority load() throws CaException {
        return CaSecret.load(client, namespace, name);
      }

      @Override
      public String describe() {
        return "secret " + namespace + "/" + name;
      }
    };
  }
}
