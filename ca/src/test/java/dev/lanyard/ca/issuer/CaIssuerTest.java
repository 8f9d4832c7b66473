package dev.lanyard.ca.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ca.CaDirectory;
import dev.lanyard.ca.CaInit;
import dev.lanyard.ca.CaSource;
import dev.lanyard.ca.KeyKind;
import dev.lanyard.ca.OpenSsl;
import dev.lanyard.ca.x509.NameConstraintSet;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.ca.TestConfigs;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaIssuerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  static CertificateRequest request(List<String> dns, List<String> ips, Optional<String> cn, Optional<Duration> duration) {
    return new CertificateRequest("web", "internal", dns, ips, cn, duration, Optional.empty(), PrivateKeySpec.DEFAULT,
        List.of(), "config");
  }

  private CaIssuer issuer(Path caDir, Duration defaultDuration) {
    return new CaIssuer("internal", CaSource.directory(caDir), defaultDuration, Clock.systemUTC());
  }

  @ParameterizedTest
  @CsvSource({"ecdsa-p256, false", "ecdsa-p384, true", "rsa-2048, false", "rsa-4096, true", "ed25519, true"})
  void opensslAcceptsTheIssuedChain(String keyKind, boolean intermediate) throws Exception {
    Path caDir = dir.resolve("ca");
    CaInit.run(caDir, "Test CA", KeyKind.parse(keyKind).orElseThrow(), intermediate, List.of());
    KeyPair leafKey = KeyKind.ECDSA_P256.generate();

    IssuedCertificate issued = issuer(caDir, Duration.ofDays(90)).issue(
        request(List.of("*.example.test", "example.test"), List.of("10.0.0.5"), Optional.empty(), Optional.empty()),
        leafKey, Optional.empty());

    X509Certificate root = Pem.decodeCertificates(Files.readString(caDir.resolve("root.pem"))).get(0);
    assertThat(issued.caCertificate()).contains(root);
    assertThat(issued.chain()).hasSize(intermediate ? 2 : 1).doesNotContain(root);
    Files.writeString(dir.resolve("leaf.pem"), Pem.encodeCertificates(List.of(issued.leaf())));
    Files.writeString(dir.resolve("chain.pem"), Pem.encodeCertificates(issued.chain().subList(1, issued.chain().size())));
    Files.copy(caDir.resolve("root.pem"), dir.resolve("root.pem"));

    assertThat(OpenSsl.ok(dir, verify(intermediate, "-purpose", "sslserver"))).contains("leaf.pem: OK");
    assertThat(OpenSsl.ok(dir, verify(intermediate, "-verify_hostname", "app.example.test"))).contains("leaf.pem: OK");
    assertThat(OpenSsl.ok(dir, verify(intermediate, "-verify_ip", "10.0.0.5"))).contains("leaf.pem: OK");
    assertThat(OpenSsl.run(dir, verify(intermediate, "-verify_hostname", "example.org")).exit()).isNotZero();

    String text = OpenSsl.ok(dir, "x509", "-in", "leaf.pem", "-noout", "-text");
    assertThat(text).contains("TLS Web Server Authentication", "DNS:*.example.test", "DNS:example.test",
        "IP Address:10.0.0.5", "CA:FALSE", "Subject: CN = *.example.test", "X509v3 Key Usage: critical");
  }

  private static String[] verify(boolean withChain, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("verify", "-CAfile", "root.pem"));
    if (withChain) {
      args.addAll(List.of("-untrusted", "chain.pem"));
    }
    args.addAll(List.of(options));
    args.add("leaf.pem");
    return args.toArray(String[]::new);
  }

  @Test
  void keyUsageDependsOnTheLeafKey() throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    CaIssuer issuer = issuer(dir, Duration.ofDays(1));
    CertificateRequest req = request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty());

    X509Certificate ec = issuer.issue(req, KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();
    X509Certificate rsa = issuer.issue(req, KeyKind.RSA_2048.generate(), Optional.empty()).leaf();

    assertThat(ec.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(ec.getKeyUsage()[2]).as("keyEncipherment for EC").isFalse();
    assertThat(rsa.getKeyUsage()[0]).isTrue();
    assertThat(rsa.getKeyUsage()[2]).as("keyEncipherment for RSA").isTrue();
    assertThat(ec.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(ec.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void serialsAreRandomPositiveAndAtMost128Bits() throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    CaIssuer issuer = issuer(dir, Duration.ofDays(1));
    KeyPair key = KeyKind.ECDSA_P256.generate();
    Set<BigInteger> serials = new HashSet<>();
    int longest = 0;
    for (int i = 0; i < 40; i++) {
      BigInteger s = issuer.issue(request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()), key,
          Optional.empty()).leaf().getSerialNumber();
      assertThat(s.signum()).isPositive();
      assertThat(s.bitLength()).isLessThanOrEqualTo(128);
      longest = Math.max(longest, s.bitLength());
      serials.add(s);
    }
    assertThat(serials).hasSize(40);
    assertThat(longest).as("at least one of 40 random serials uses more than 120 bits").isGreaterThan(120);
  }

  @Test
  void requestedDurationIsHonouredFromTheCurrentSecond() throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    CaIssuer issuer = new CaIssuer("internal", CaSource.directory(dir), Duration.ofDays(90), CLOCK);
    X509Certificate explicit = issuer.issue(
        request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.of(Duration.ofHours(2))),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();
    X509Certificate byDefault = issuer.issue(
        request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();

    Instant start = Instant.parse("2026-03-01T12:00:00Z");
    assertThat(explicit.getNotBefore().toInstant()).isEqualTo(start);
    assertThat(explicit.getNotAfter().toInstant()).isEqualTo(start.plus(Duration.ofHours(2)));
    assertThat(byDefault.getNotAfter().toInstant()).isEqualTo(start.plus(Duration.ofDays(90)));
  }

  @Test
  void notAfterNeverPassesTheCasOwn() throws Exception {
    CaDirectory.init(dir, new CaDirectory.Spec("Short", KeyKind.ECDSA_P256, true, NameConstraintSet.NONE,
        Duration.ofDays(30), Duration.ofDays(20)), CLOCK);
    X509Certificate intermediate = CaDirectory.load(dir).certificate();
    CaIssuer issuer = new CaIssuer("internal", CaSource.directory(dir), Duration.ofDays(90), CLOCK);

    X509Certificate leaf = issuer.issue(request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();

    assertThat(leaf.getNotAfter()).isEqualTo(intermediate.getNotAfter());
  }

  @Test
  void anExpiredCaRefusesToIssue() throws Exception {
    CaDirectory.init(dir, new CaDirectory.Spec("Old", KeyKind.ECDSA_P256, false, NameConstraintSet.NONE,
        Duration.ofDays(1), Duration.ofDays(1)), CLOCK);
    CaIssuer later = new CaIssuer("internal", CaSource.directory(dir), Duration.ofDays(90),
        Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC));
    assertThatThrownBy(() -> later.issue(request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()))
        .isInstanceOf(IssuanceException.class).hasMessageContaining("expired");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "explicit.example.test | a.example.test,b.example.test | CN=explicit.example.test",
      "                      | b.example.test,a.example.test | CN=b.example.test"})
  void commonNameIsTheRequestedOneOrTheFirstDnsName(String cn, String names, String subject) throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    X509Certificate leaf = issuer(dir, Duration.ofDays(1)).issue(
        request(List.of(names.split(",")), List.of(), Optional.ofNullable(cn), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo(subject);
  }

  @Test
  void ipOnlyCertificateHasAnEmptySubjectAndCriticalSans() throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    X509Certificate leaf = issuer(dir, Duration.ofDays(1)).issue(
        request(List.of(), List.of("192.168.1.10", "2001:db8::1"), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();
    assertThat(leaf.getSubjectX500Principal().getName()).isEmpty();
    assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.17");
    assertThat(leaf.getSubjectAlternativeNames().stream().map(l -> (Object) l.get(1)).toList()).containsExactly("192.168.1.10", "2001:db8:0:0:0:0:0:1");
  }

  @Test
  void nameConstraintsAreEnforcedByTheIssuerAndByOpenssl() throws Exception {
    Path caDir = dir.resolve("ca");
    CaInit.run(caDir, "Constrained", KeyKind.ECDSA_P256, true, List.of("example.test"));
    CaIssuer issuer = issuer(caDir, Duration.ofDays(1));
    Files.copy(caDir.resolve("root.pem"), dir.resolve("root.pem"));
    Files.copy(caDir.resolve("intermediate.pem"), dir.resolve("chain.pem"));

    IssuedCertificate inside = issuer.issue(request(List.of("*.example.test", "example.test"), List.of(), Optional.empty(),
        Optional.empty()), KeyKind.ECDSA_P256.generate(), Optional.empty());
    Files.writeString(dir.resolve("inside.pem"), Pem.encodeCertificates(List.of(inside.leaf())));
    assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "root.pem", "-untrusted", "chain.pem", "inside.pem")).contains("OK");

    assertThatThrownBy(() -> issuer.issue(request(List.of("app.example.test", "evil.example.org"), List.of(),
        Optional.empty(), Optional.empty()), KeyKind.ECDSA_P256.generate(), Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("name constraints forbid evil.example.org")
        .hasMessageNotContaining("app.example.test (");

    // Signed past the issuer's check: openssl must reject it, which proves the extension is right.
    var ca = CaDirectory.load(caDir);
    X509Certificate outside = dev.lanyard.ca.x509.LeafCertificates.sign(
        new dev.lanyard.ca.x509.LeafSpec(List.of("evil.example.org"), List.of(), Optional.empty(), Duration.ofDays(1)),
        KeyKind.ECDSA_P256.generate().getPublic(), ca.certificate(), ca.key(), Instant.now(), ca.notAfter());
    Files.writeString(dir.resolve("outside.pem"), Pem.encodeCertificates(List.of(outside)));
    OpenSsl.Result r = OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "chain.pem", "outside.pem");
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("permitted subtree violation");
  }

  @Test
  void fromConfigBuildsADirectoryIssuer() throws Exception {
    CaInit.run(dir, "Test CA", KeyKind.ECDSA_P256, false, List.of());
    var cfg = TestConfigs.caIssuer("internal", "{dir: '" + dir + "', duration: 168h}");
    CaIssuer issuer = CaIssuer.fromConfig(cfg, Optional.empty());
    assertThat(issuer.name()).isEqualTo("internal");
    X509Certificate leaf = issuer.issue(request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()).leaf();
    long days = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays();
    assertThat(days).isEqualTo(7);
  }

  @Test
  void fromConfigRefusesASecretWithoutACluster() {
    var cfg = TestConfigs.caIssuer("internal", "{secret: cert-manager/idp-demo-ca}");
    assertThatThrownBy(() -> CaIssuer.fromConfig(cfg, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cert-manager/idp-demo-ca needs a Kubernetes cluster");
  }

  @Test
  void aMissingCaIsAnIssuanceErrorNamingTheDirectory() {
    CaIssuer issuer = issuer(dir.resolve("nowhere"), Duration.ofDays(1));
    assertThatThrownBy(() -> issuer.issue(request(List.of("a.example.test"), List.of(), Optional.empty(), Optional.empty()),
        KeyKind.ECDSA_P256.generate(), Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("issuer internal")
        .hasMessageContaining("nowhere")
        .hasMessageContaining("root.pem not found");
  }
}
