package dev.lanyard.core.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What an issuer returns.
 *
 * @param chain leaf first, then intermediates; a self-signed root is not included
 * @param caCertificate the CA to publish as {@code ca.crt}, when the issuer knows it (internal CA)
 */
public record IssuedCertificate(List<X509Certificate> chain, Optional<X509Certificate> caCertificate) {

  public IssuedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an issued certificate needs at least the leaf");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }
}
