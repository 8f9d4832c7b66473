package dev.lanyard.core.cert;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * The SPI every certificate source implements: the internal CA ({@code ca/}) and ACME
 * ({@code acme/}). Calls block; the lifecycle calls them from its own worker threads.
 */
public interface Issuer {

  /** The name the config and the cert-manager annotations refer to. */
  String name();

  /**
   * Issues a certificate for the request's names and the given key pair.
   *
   * @param replacing the certificate this one renews, if any (ACME ARI sends it as {@code replaces})
   */
  IssuedCertificate issue(CertificateRequest request, KeyPair keyPair, Optional<X509Certificate> replacing)
      throws IssuanceException;

  /**
   * The moment the CA suggests renewing this certificate (ACME Renewal Information), when the
   * issuer knows one. Empty means the lifecycle's default timing applies.
   */
  default Optional<Instant> suggestedRenewal(X509Certificate certificate) {
    return Optional.empty();
  }

  /**
   * Why this issuer could not issue right now, found from local state alone (a CA that does not
   * load, say), without contacting a CA. {@code lanyard check} reports it.
   */
  default Optional<String> localProblem() {
    return Optional.empty();
  }
}
