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

  /** The failure a run recorded here and no later success erased, if any. */
  Optional<FailureRecord> failure() throws StoreException;

  /**
   * Notes a failed run without touching the certificate. A store with nothing to note it on (a
   * Secret that does not exist yet) keeps nothing: the failure is then only in the log and status.
   */
  void recordFailure(FailureRecord failure) throws StoreException;

  /** Erases a recorded failure; changes nothing when there is none. */
  void clearFailure() throws StoreException;
}
