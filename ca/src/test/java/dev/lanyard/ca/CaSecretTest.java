package dev.lanyard.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ca.issuer.CaIssuer;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cert-manager CA issuer Secrets, made with the real openssl the way users make them. */
@EnableKubernetesMockClient(crud = true)
class CaSecretTest {
  KubernetesClient client;

  @TempDir Path dir;

  private void secret(String name, Map<String, String> entries) {
    Map<String, String> data = new LinkedHashMap<>();
    entries.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client.secrets().inNamespace("cert-manager").resource(new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace("cert-manager").endMetadata()
        .withType("kubernetes.io/tls").withData(data).build()).create();
  }

  /** A root made by openssl with the given key command, as a cert-manager user would. */
  private void opensslRoot(String... keyCommand) {
    OpenSsl.ok(dir, keyCommand);
    OpenSsl.ok(dir, "req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=idp-demo-ca", "-days", "3650",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt");
  }

  private String read(String file) throws Exception {
    return Files.readString(dir.resolve(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pkcs1-rsa", "sec1-ec", "pkcs8-ec"})
  void loadsCertManagerCaSecretsAndIssuesWhatOpensslAccepts(String layout) throws Exception {
    switch (layout) {
      case "pkcs1-rsa" -> opensslRoot("genrsa", "-traditional", "-out", "ca.key", "2048");
      case "sec1-ec" -> opensslRoot("ecparam", "-name", "prime256v1", "-genkey", "-out", "ca.key");
      default -> opensslRoot("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
    }
    String key = read("ca.key");
    assertThat(key).contains(switch (layout) {
      case "pkcs1-rsa" -> "BEGIN RSA PRIVATE KEY";
      case "sec1-ec" -> "BEGIN EC PRIVATE KEY";
      default -> "BEGIN PRIVATE KEY";
    });
    secret("idp-demo-ca", Map.of("tls.crt", read("ca.crt"), "tls.key", key));

    CertificateAuthority ca = CaSecret.load(client, "cert-manager", "idp-demo-ca");
    assertThat(ca.source()).isEqualTo("secret cert-manager/idp-demo-ca");
    assertThat(ca.root()).contains(ca.certificate());

    var cfg = TestConfigs.caIssuer("ca-issuer", "{secret: cert-manager/idp-demo-ca}");
    IssuedCertificate issued = CaIssuer.fromConfig(cfg, Optional.of(client)).issue(request("*.nip.io"),
        KeyKind.ECDSA_P256.generate(), Optional.empty());
    assertThat(issued.chain()).hasSize(1);
    Files.writeString(dir.resolve("leaf.pem"), Pem.encodeCertificates(issued.chain()));
    Files.writeString(dir.resolve("published-ca.pem"), Pem.encodeCertificates(List.of(issued.caCertificate().orElseThrow())));
    assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "published-ca.pem", "-verify_hostname", "app.nip.io", "leaf.pem"))
        .contains("leaf.pem: OK");
  }

  @Test
  void anIntermediateSecretWithItsChainPublishesTheRoot() throws Exception {
    CertificateAuthority source = CaDirectory.init(dir.resolve("ca"),
        CaDirectory.Spec.of("Chained", KeyKind.ECDSA_P256, true, List.of()), java.time.Clock.systemUTC());
    X509Certificate root = source.root().orElseThrow();
    String key = dev.lanyard.ca.pem.KeyPem.writeTraditional(source.key());
    assertThat(key).contains("BEGIN EC PRIVATE KEY");

    secret("full", Map.of("tls.crt", Pem.encodeCertificates(List.of(source.certificate(), root)), "tls.key", key));
    secret("bare", Map.of("tls.crt", Pem.encodeCertificates(List.of(source.certificate())), "tls.key", key));
    secret("with-ca", Map.of("tls.crt", Pem.encodeCertificates(List.of(source.certificate())), "tls.key", key,
        "ca.crt", Pem.encodeCertificates(List.of(root))));

    CertificateAuthority full = CaSecret.load(client, "cert-manager", "full");
    assertThat(full.caCertificate()).isEqualTo(root);
    assertThat(full.intermediates()).containsExactly(source.certificate());

    CertificateAuthority bare = CaSecret.load(client, "cert-manager", "bare");
    assertThat(bare.root()).isEmpty();
    assertThat(bare.caCertificate()).as("the highest certificate, as cert-manager does").isEqualTo(source.certificate());

    assertThat(CaSecret.load(client, "cert-manager", "with-ca").caCertificate()).isEqualTo(root);
  }

  @Test
  void explainsWhatIsWrongWithABadSecret() throws Exception {
    opensslRoot("ecparam", "-name", "prime256v1", "-genkey", "-out", "ca.key");
    OpenSsl.ok(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "other.key");
    OpenSsl.ok(dir, "req", "-x509", "-new", "-key", "other.key", "-subj", "/CN=leafy", "-days", "30",
        "-addext", "basicConstraints=critical,CA:FALSE", "-out", "leaf.crt");
    secret("no-key", Map.of("tls.crt", read("ca.crt")));
    secret("wrong-key", Map.of("tls.crt", read("ca.crt"), "tls.key", read("other.key")));
    secret("not-a-ca", Map.of("tls.crt", read("leaf.crt"), "tls.key", read("other.key")));
    secret("garbage", Map.of("tls.crt", "hello", "tls.key", read("ca.key")));
    secret("bad-key", Map.of("tls.crt", read("ca.crt"), "tls.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));

    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "missing"))
        .isInstanceOf(CaException.class).hasMessage("secret cert-manager/missing: not found");
    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "no-key"))
        .isInstanceOf(CaException.class).hasMessageContaining("has no tls.key");
    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "wrong-key"))
        .isInstanceOf(CaException.class).hasMessageContaining("private key does not belong to \"CN=idp-demo-ca\"");
    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "not-a-ca"))
        .isInstanceOf(CaException.class).hasMessageContaining("\"CN=leafy\" is not a CA certificate");
    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "garbage"))
        .isInstanceOf(CaException.class).hasMessageContaining("tls.crt holds no BEGIN CERTIFICATE block");
    assertThatThrownBy(() -> CaSecret.load(client, "cert-manager", "bad-key"))
        .isInstanceOf(CaException.class).hasMessageContaining("tls.key");

    var cfg = TestConfigs.caIssuer("ca-issuer", "{secret: cert-manager/missing}");
    assertThatThrownBy(() -> CaIssuer.fromConfig(cfg, Optional.of(client)).issue(request("a.nip.io"),
        KeyKind.ECDSA_P256.generate(), Optional.empty()))
        .isInstanceOf(IssuanceException.class).hasMessage("issuer ca-issuer: secret cert-manager/missing: not found");
  }

  @Test
  void aChainInTheWrongOrderIsRefused() throws Exception {
    CertificateAuthority source = CaDirectory.init(dir.resolve("ca"),
        CaDirectory.Spec.of("Chained", KeyKind.ECDSA_P256, true, List.of()), java.time.Clock.systemUTC());
    Map<String, String> data = Map.of(
        "tls.crt", Pem.encodeCertificates(List.of(source.root().orElseThrow(), source.certificate())),
        "tls.key", dev.lanyard.ca.pem.KeyPem.writePkcs8(source.key()));
    assertThatThrownBy(() -> CaSecret.fromData(data, "secret x/y"))
        .isInstanceOf(CaException.class).hasMessageContaining("secret x/y");
  }

  private static CertificateRequest request(String name) {
    return new CertificateRequest("wild", "ca-issuer", List.of(name), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), PrivateKeySpec.DEFAULT, List.of(), "config");
  }
}
