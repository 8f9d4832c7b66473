package dev.lanyard.ca.x509;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** What every certificate Lanyard signs has in common: random serial, SKI, AKI, signing. */
final class CertificateBuilders {

  private CertificateBuilders() {}

  /** A builder for a certificate issued by {@code issuer} (or self-issued when null), with SKI and AKI set. */
  static X509v3CertificateBuilder start(X509Certificate issuer, X500Name subject, PublicKey subjectKey, Instant notBefore,
      Instant notAfter) throws CertIOException {
    BigInteger serial = Serials.random();
    X509v3CertificateBuilder b = issuer == null
        ? new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
        : new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
    SubjectKeyIdentifier ski = extensionUtils().createSubjectKeyIdentifier(subjectKey);
    b.addExtension(Extension.subjectKeyIdentifier, false, ski);
    byte[] authorityKeyId = issuer == null ? ski.getKeyIdentifier() : keyIdentifierOf(issuer);
    b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
    return b;
  }

  static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(issuerKey)).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with the " + issuerKey.getAlgorithm() + " key: " + e.getMessage(), e);
    }
  }

  /** The issuer's own SKI when it has one (so AKI matches it exactly), else the RFC 5280 method 1 hash. */
  private static byte[] keyIdentifierOf(X509Certificate issuer) {
    byte[] ext = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ext != null) {
      return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }
    return extensionUtils().createSubjectKeyIdentifier(issuer.getPublicKey()).getKeyIdentifier();
  }

  private static JcaX509ExtensionUtils extensionUtils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
