package dev.lanyard.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.cert.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaDirectoryTest {
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String NAME_CONSTRAINTS = "2.5.29.30";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = KeyKind.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_2048", "ED25519"})
  void rootOnlyCaHasCaExtensionsAndPrivateKeyFiles(KeyKind kind) throws Exception {
    CaInit.Result result = CaInit.run(dir, "Homelab CA", kind, false, List.of());

    X509Certificate root = result.root();
    assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Homelab CA");
    assertThat(root.getBasicConstraints()).isZero();
    assertThat(root.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(root.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(ski(root)).isEqualTo(aki(root));
    assertThat(root.getSerialNumber().signum()).isPositive();
    assertThat(Files.getPosixFilePermissions(dir.resolve("root-key.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dir.resolve("intermediate.pem")).doesNotExist();
    assertThat(Pem.decodeCertificates(Files.readString(dir.resolve("ca.pem")))).containsExactly(root);

    String text = OpenSsl.ok(dir, "x509", "-in", "root.pem", "-noout", "-text");
    assertThat(text).contains("X509v3 Basic Constraints: critical", "CA:TRUE, pathlen:0", "X509v3 Key Usage: critical",
        "Certificate Sign, CRL Sign", "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier");

    CertificateAuthority loaded = CaDirectory.load(dir);
    assertThat(loaded.certificate()).isEqualTo(root);
    assertThat(loaded.root()).contains(root);
    assertThat(loaded.intermediates()).isEmpty();
  }

  @Test
  void intermediateIsSignedByTheRootAndDoesTheSigning() throws Exception {
    CaInit.Result result = CaInit.run(dir, "Homelab CA", KeyKind.ECDSA_P256, true, List.of());
    X509Certificate root = result.root();
    X509Certificate intermediate = result.intermediate().orElseThrow();

    assertThat(root.getBasicConstraints()).isEqualTo(1);
    assertThat(intermediate.getBasicConstraints()).isZero();
    assertThat(intermediate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    assertThat(aki(intermediate)).isEqualTo(ski(root));
    assertThat(intermediate.getNotAfter()).isBeforeOrEqualTo(root.getNotAfter());
    intermediate.verify(root.getPublicKey());
    assertThat(Files.getPosixFilePermissions(dir.resolve("intermediate-key.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Pem.decodeCertificates(Files.readString(dir.resolve("ca.pem")))).containsExactly(intermediate, root);
    OpenSsl.ok(dir, "verify", "-CAfile", "root.pem", "intermediate.pem");

    CertificateAuthority loaded = CaDirectory.load(dir);
    assertThat(loaded.certificate()).isEqualTo(intermediate);
    assertThat(loaded.intermediates()).containsExactly(intermediate);
    assertThat(loaded.caCertificate()).isEqualTo(root);
    assertThat(result.summary()).contains("CN=Homelab CA Intermediate", "intermediate-key.pem", "SHA-256");
  }

  @Test
  void nameConstraintsAreCriticalOnRootAndIntermediate() throws Exception {
    CaInit.Result result = CaInit.run(dir, "Lab", KeyKind.ECDSA_P256, true, List.of("example.com", "10.0.0.0/8"));
    for (X509Certificate c : List.of(result.root(), result.intermediate().orElseThrow())) {
      assertThat(c.getCriticalExtensionOIDs()).contains(NAME_CONSTRAINTS);
    }
    String text = OpenSsl.ok(dir, "x509", "-in", "intermediate.pem", "-noout", "-text");
    assertThat(text).contains("X509v3 Name Constraints: critical", "DNS:example.com", "IP:10.0.0.0/255.0.0.0");
    assertThat(result.summary()).contains("constrained to: example.com, 10.0.0.0/8");
  }

  @Test
  void refusesToOverwriteAnExistingCa() throws Exception {
    CaInit.run(dir, "First", KeyKind.ECDSA_P256, false, List.of());
    String before = Files.readString(dir.resolve("root.pem"));
    assertThatThrownBy(() -> CaInit.run(dir, "Second", KeyKind.ECDSA_P256, false, List.of()))
        .isInstanceOf(CaException.class).hasMessageContaining("already holds a CA").hasMessageContaining("root.pem");
    assertThat(Files.readString(dir.resolve("root.pem"))).isEqualTo(before);
  }

  @Test
  void rejectsABadNameConstraint() {
    assertThatThrownBy(() -> CaInit.run(dir, "Lab", KeyKind.ECDSA_P256, false, List.of("not a name!")))
        .isInstanceOf(CaException.class).hasMessageContaining("not a name!");
  }

  @Test
  void loadingAnEmptyDirectorySaysHowToCreateACa() {
    assertThatThrownBy(() -> CaDirectory.load(dir))
        .isInstanceOf(CaException.class).hasMessageContaining("root.pem not found").hasMessageContaining("lanyard ca init");
  }

  @Test
  void loadingRejectsAKeyThatBelongsToAnotherCa(@TempDir Path other) throws Exception {
    CaInit.run(dir, "One", KeyKind.ECDSA_P256, false, List.of());
    CaInit.run(other, "Two", KeyKind.ECDSA_P256, false, List.of());
    Files.copy(other.resolve("root-key.pem"), dir.resolve("root-key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> CaDirectory.load(dir))
        .isInstanceOf(CaException.class).hasMessageContaining("private key does not belong to \"CN=One\"");
  }

  @Test
  void validityFollowsTheSpecAndIsBackdated() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    CaDirectory.Spec spec = new CaDirectory.Spec("Short", KeyKind.ECDSA_P256, true,
        dev.lanyard.ca.x509.NameConstraintSet.NONE, Duration.ofDays(30), Duration.ofDays(60));
    CertificateAuthority ca = CaDirectory.init(dir, spec, Clock.fixed(now, ZoneOffset.UTC));
    X509Certificate root = ca.root().orElseThrow();
    assertThat(root.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofHours(1)));
    assertThat(root.getNotAfter().toInstant()).isEqualTo(now.minus(Duration.ofHours(1)).plus(Duration.ofDays(30)));
    assertThat(ca.certificate().getNotAfter()).isEqualTo(root.getNotAfter());
  }

  static byte[] ski(X509Certificate c) {
    byte[] v = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(v).getOctets()).getKeyIdentifier();
  }

  static byte[] aki(X509Certificate c) {
    byte[] v = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(v).getOctets()).getKeyIdentifierObject().getOctets();
  }
}
