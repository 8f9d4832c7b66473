package dev.lanyard.certificates;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.cert.Pem;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real two-level CA (root and intermediate, ECDSA P-256) as an {@link Issuer}, for lifecycle
 * tests. It can be told to fail, or to return certificates that must be rejected.
 */
public final class TestCa implements Issuer {

  public enum Behaviour {
    NORMAL,
    FAIL,
    WRONG_KEY,
    WRONG_NAMES,
    BROKEN_CHAIN
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Clock clock;
  private final KeyPair rootKey = ec();
  private final KeyPair intermediateKey = ec();
  private final X509Certificate root;
  private final X509Certificate intermediate;
  public final AtomicInteger issued = new AtomicInteger();
  public final List<BigInteger> serials = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final List<Optional<X509Certificate>> replaced = new java.util.concurrent.CopyOnWriteArrayList<>();
  public volatile Behaviour behaviour = Behaviour.NORMAL;
  public volatile Duration retryAfter;
  public volatile Optional<Instant> suggestion = Optional.empty();
  public volatile PublicKey lastKey;

  public TestCa(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
    Instant start = clock.instant().minus(Duration.ofDays(1));
    try {
      root = sign(new X500Name("CN=" + name + " Root"), rootKey.getPublic(), new X500Name("CN=" + name + " Root"), rootKey.getPrivate(),
          start, start.plus(Duration.ofDays(3650)), b -> b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1)));
      intermediate = sign(new X500Name("CN=" + name + " Intermediate"), intermediateKey.getPublic(), new X500Name("CN=" + name + " Root"),
          rootKey.getPrivate(), start, start.plus(Duration.ofDays(3000)),
          b -> b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  public X509Certificate root() {
    return root;
  }

  public Path writeRoot(Path file) throws java.io.IOException {
    Files.writeString(file, Pem.encodeCertificates(List.of(root)));
    return file;
  }

  @Override
  public IssuedCertificate issue(CertificateRequest request, KeyPair keyPair, Optional<X509Certificate> replacing)
      throws IssuanceException {
    replaced.add(replacing);
    lastKey = keyPair.getPublic();
    if (behaviour == Behaviour.FAIL) {
      throw new IssuanceException("issuer " + name + ": the CA said no", retryAfter, null);
    }
    List<String> dns = new ArrayList<>(request.dnsNames());
    if (behaviour == Behaviour.WRONG_NAMES) {
      dns.add("intruder.example.org");
    }
    PublicKey subjectKey = behaviour == Behaviour.WRONG_KEY ? ec().getPublic() : keyPair.getPublic();
    PrivateKey signer = behaviour == Behaviour.BROKEN_CHAIN ? ec().getPrivate() : intermediateKey.getPrivate();
    Instant nb = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant na = nb.plus(request.duration().orElse(Duration.ofDays(90)));
    try {
      X509Certificate leaf = sign(new X500Name("CN=" + (dns.isEmpty() ? "ip" : dns.get(0))), subjectKey,
          new X500Name("CN=" + name + " Intermediate"), signer, nb, na, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            List<GeneralName> sans = new ArrayList<>();
            dns.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
            request.ipAddresses().forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
          });
      issued.incrementAndGet();
      serials.add(leaf.getSerialNumber());
      return new IssuedCertificate(List.of(leaf, intermediate), Optional.of(root));
    } catch (Exception e) {
      throw new IssuanceException("test CA cannot sign: " + e, e);
    }
  }

  @Override
  public Optional<Instant> suggestedRenewal(X509Certificate certificate) {
    return suggestion;
  }

  /** The key as cert-manager writes ECDSA keys by default: SEC1, {@code BEGIN EC PRIVATE KEY}, with the curve. */
  public static String sec1Pem(PrivateKey key) throws java.io.IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
      var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
      var ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      var withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getKey(), info.getPrivateKeyAlgorithm().getParameters());
      w.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
    }
    return out.toString();
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder b) throws Exception;
  }

  private static X509Certificate sign(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey, Instant nb, Instant na,
      Extensions ext) throws Exception {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, RANDOM).setBit(0), Date.from(nb),
        Date.from(na), subject, key);
    ext.add(b);
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
