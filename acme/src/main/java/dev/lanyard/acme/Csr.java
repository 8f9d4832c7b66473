package dev.lanyard.acme;

import dev.lanyard.core.cert.CertificateRequest;
import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The CSR sent to finalize an order: every DNS name as a SAN, the common name when it fits (64
 * characters), signed with the algorithm that suits the key (acme4j's own builder signs only RSA
 * and EC).
 */
final class Csr {
  private static final int MAX_CN = 64;

  private Csr() {}

  static byte[] der(CertificateRequest request, KeyPair key) throws IOException {
    List<String> names = request.dnsNames();
    String cn = request.commonName().orElse(names.isEmpty() ? null : names.get(0));
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    if (cn != null && cn.length() <= MAX_CN) {
      subject.addRDN(BCStyle.CN, cn);
    }
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(new GeneralName(GeneralName.dNSName, n));
    }
    try {
      ExtensionsGenerator ext = new ExtensionsGenerator();
      ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      X500Name name = subject.build();
      var builder = new JcaPKCS10CertificationRequestBuilder(name, key.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
      return builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key.getPrivate())).getEncoded();
    } catch (OperatorCreationException e) {
      throw new IOException("cannot sign the CSR with the " + key.getPrivate().getAlgorithm() + " key", e);
    }
  }

  static String signatureAlgorithm(KeyPair key) {
    if (key.getPrivate() instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    return switch (key.getPrivate().getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException(key.getPrivate().getAlgorithm() + " keys cannot sign a CSR");
    };
  }
}
