package dev.lanyard.app.wiring;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Issuer;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Stands in for an issuer that could not be built at start (a missing CA directory, an unusable
 * trust file): every issuance fails with that reason, so the certificate status shows it while DNS
 * and the other issuers carry on.
 */
record FailingIssuer(String name, String reason) implements Issuer {
  @Override
  public IssuedCertificate issue(CertificateRequest request, KeyPair keyPair, Optional<X509Certificate> replacing)
      throws IssuanceException {
    throw new IssuanceException("issuer " + name + " is not usable: " + reason);
  }

  @Override
  public Optional<String> localProblem() {
    return Optional.of(reason);
  }
}
