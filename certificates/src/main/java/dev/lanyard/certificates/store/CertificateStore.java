package dev.lanyard.certificates.store;

import java.util.Optional;

/** Where a certificate is kept: a {@code kubernetes.io/tls} Secret or a directory of PEM files. */
public interface CertificateStore {

  /** For status and messages: {@code dir ./certs/web}, {@code secret infra/web-tls}. */
  String describe();

  StoreContent read() throws StoreException;

  /**
   * Replaces what the store holds.
   *
   * @param certificateName the request's name, recorded for tools that read cert-manager annotations
   * @return a problem that happened after the write succeeded (a failed reload command), if any
   */
  Optional<String> write(String certificateName, StoredCertificate certificate) throws StoreException;
}
