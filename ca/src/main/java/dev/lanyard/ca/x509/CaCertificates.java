package dev.lanyard.ca.x509;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Root and intermediate CA certificates: basicConstraints critical {@code CA:TRUE} with a path
 * length, keyUsage critical {@code keyCertSign, cRLSign}, SKI/AKI and optional name constraints.
 */
public final class CaCertificates {

  private CaCertificates() {}

  /** A self-signed root. */
  public static X509Certificate root(String commonName, KeyPair key, Instant notBefore, Instant notAfter, int pathLength,
      NameConstraintSet constraints) throws GeneralSecurityException {
    return build(null, key.getPrivate(), commonName, key, notBefore, notAfter, pathLength, constraints);
  }

  /** An intermediate signed by {@code issuer}; its notAfter never passes the issuer's. */
  public static X509Certificate intermediate(String commonName, KeyPair key, X509Certificate issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, int pathLength, NameConstraintSet constraints) throws GeneralSecurityException {
    Instant end = notAfter.isAfter(issuer.getNotAfter().toInstant()) ? issuer.getNotAfter().toInstant() : notAfter;
    return build(issuer, issuerKey, commonName, key, notBefore, end, pathLength, constraints);
  }

  public static X500Name subject(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static X509Certificate build(X509Certificate issuer, PrivateKey issuerKey, String commonName, KeyPair key,
      Instant notBefore, Instant notAfter, int pathLength, NameConstraintSet constraints) throws GeneralSecurityException {
    try {
      X509v3CertificateBuilder b = CertificateBuilders.start(issuer, subject(commonName), key.getPublic(), notBefore, notAfter);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      Optional<NameConstraints> nc = constraints.toExtension();
      if (nc.isPresent()) {
        b.addExtension(Extension.nameConstraints, true, nc.get());
      }
      return CertificateBuilders.sign(b, issuerKey);
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode a CA certificate extension", e);
    }
  }
}
