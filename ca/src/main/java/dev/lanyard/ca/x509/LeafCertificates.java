package dev.lanyard.ca.x509;

import dev.lanyard.core.net.IpAddresses;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * TLS server certificates: SANs (DNS, wildcard, IP), serverAuth, digitalSignature (plus
 * keyEncipherment for RSA keys), basicConstraints {@code CA:FALSE}.
 */
public final class LeafCertificates {

  private LeafCertificates() {}

  /**
   * Signs a leaf valid from {@code now} (to the second) for {@code spec.duration()}, cut short at
   * {@code notAfterLimit} (the CA chain's own end). Names are not checked against name
   * constraints here: see {@link NameConstraintSet}.
   */
  public static X509Certificate sign(LeafSpec spec, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey,
      Instant now, Instant notAfterLimit) throws GeneralSecurityException {
    Instant notBefore = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(spec.duration());
    if (notAfter.isAfter(notAfterLimit)) {
      notAfter = notAfterLimit;
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new GeneralSecurityException("the CA expired at " + notAfterLimit + "; it cannot issue certificates any more");
    }
    Optional<String> cn = spec.subjectCommonName();
    X500Name subject = cn.map(CaCertificates::subject).orElseGet(() -> new X500Name(new org.bouncycastle.asn1.x500.RDN[0]));
    try {
      X509v3CertificateBuilder b = CertificateBuilders.start(issuer, subject, subjectKey, notBefore, notAfter);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      int usage = KeyUsage.digitalSignature | (subjectKey instanceof RSAKey ? KeyUsage.keyEncipherment : 0);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      // RFC 5280 4.2.1.6: with an empty subject the SAN extension must be critical.
      b.addExtension(Extension.subjectAlternativeName, cn.isEmpty(), sans(spec));
      return CertificateBuilders.sign(b, issuerKey);
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode a certificate extension", e);
    }
  }

  private static GeneralNames sans(LeafSpec spec) {
    List<GeneralName> names = new ArrayList<>();
    for (String dns : spec.dnsNames()) {
      names.add(new GeneralName(GeneralName.dNSName, dns));
    }
    for (String ip : spec.ipAddresses()) {
      String canonical = IpAddresses.parse(ip).map(IpAddresses::canonical)
          .orElseThrow(() -> new IllegalArgumentException("\"" + ip + "\" is not an IP address"));
      names.add(new GeneralName(GeneralName.iPAddress, canonical));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
