package dev.lanyard.acme;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA-signed leaf with an authority key identifier, as a CA's certificates carry (ARI needs it). */
final class TestCertificates {

  private TestCertificates() {}

  static X509Certificate leaf(String name, BigInteger serial) {
    try {
      KeyPair caKey = TestKeys.ecP256();
      KeyPair leafKey = TestKeys.ecP256();
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X500Name caName = new X500Name("CN=Test CA");
      X509Certificate ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
          BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(365))), caName, caKey.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKey.getPublic()))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
      return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName, serial,
          Date.from(now), Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + name), leafKey.getPublic())
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new AssertionError(e);
    }
  }
}
