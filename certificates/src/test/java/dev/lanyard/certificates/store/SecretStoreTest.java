package dev.lanyard.certificates.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.certificates.Requests;
import dev.lanyard.certificates.TestCa;
import dev.lanyard.certificates.key.KeyGeneration;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretStoreTest {
  KubernetesClient client;
  private final TestCa ca = new TestCa("ca-issuer", Clock.systemUTC());

  private StoredCertificate issue(String... names) throws Exception {
    KeyPair key = KeyGeneration.generate(PrivateKeySpec.DEFAULT);
    IssuedCertificate issued = ca.issue(Requests.request("wild", "ca-issuer", List.of(names), List.of()), key, Optional.empty());
    return new StoredCertificate(issued.chain(), key.getPrivate(), issued.caCertificate(), Optional.of("ca-issuer"));
  }

  private static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void createsATlsSecretWithCertManagerAnnotations() throws Exception {
    SecretStore store = new SecretStore(client, "infra", "wildcard-tls");
    assertThat(store.read()).isInstanceOf(StoreContent.Empty.class);
    StoredCertificate cert = issue("*.nip.io", "nip.io");

    store.write("infra/wildcard-tls", cert);

    Secret s = client.secrets().inNamespace("infra").withName("wildcard-tls").get();
    assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(Pem.decodeCertificates(decode(s, "tls.crt"))).isEqualTo(cert.chain());
    assertThat(decode(s, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Pem.decodeCertificates(decode(s, "ca.crt"))).containsExactly(ca.root());
    assertThat(s.getMetadata().getAnnotations()).containsAllEntriesOf(Map.of(
        "cert-manager.io/certificate-name", "wildcard-tls",
        "cert-manager.io/issuer-name", "ca-issuer",
        "cert-manager.io/issuer-kind", "ClusterIssuer",
        "cert-manager.io/common-name", "*.nip.io",
        "cert-manager.io/alt-names", "*.nip.io,nip.io",
        "cert-manager.io/ip-sans", "",
        "cert-manager.io/uri-sans", ""));
    assertThat(s.getMetadata().getLabels()).containsEntry("controller.cert-manager.io/fao", "true");

    StoreContent back = store.read();
    assertThat(back).isInstanceOf(StoreContent.Holds.class);
    assertThat(((StoreContent.Holds) back).certificate().sameAs(cert)).isTrue();
  }

  @Test
  void updatesAnExistingSecretKeepingItsTypeAndForeignEntries() throws Exception {
    client.secrets().inNamespace("infra").resource(new SecretBuilder()
        .withNewMetadata().withName("web").withNamespace("infra")
        .addToAnnotations("argocd.argoproj.io/sync-options", "Prune=false")
        .addToLabels("app", "web").endMetadata()
        .withType("Opaque")
        .addToData("extra.txt", Base64.getEncoder().encodeToString("keep me".getBytes(StandardCharsets.UTF_8)))
        .addToData("ca.crt", Base64.getEncoder().encodeToString("stale".getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    SecretStore store = new SecretStore(client, "infra", "web");
    assertThat(store.read()).isEqualTo(new StoreContent.Invalid("it has no tls.crt"));

    StoredCertificate first = issue("web.example.test");
    store.write("web", first);
    StoredCertificate acme = new StoredCertificate(issue("web.example.test").chain(), first.key(), Optional.empty(), Optional.of("le"));
    store.write("web", acme);

    Secret s = client.secrets().inNamespace("infra").withName("web").get();
    assertThat(s.getType()).isEqualTo("Opaque");
    assertThat(decode(s, "extra.txt")).isEqualTo("keep me");
    assertThat(s.getData()).as("an issuer without CA leaves no ca.crt").doesNotContainKey("ca.crt");
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry("argocd.argoproj.io/sync-options", "Prune=false")
        .containsEntry("cert-manager.io/issuer-name", "le");
    assertThat(s.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("controller.cert-manager.io/fao", "true");
    assertThat(((StoreContent.Holds) store.read()).certificate().sameAs(acme)).isTrue();
  }

  @Test
  void readsWhatCertManagerWroteWithATraditionalKey() throws Exception {
    StoredCertificate cert = issue("app.example.test");
    String sec1 = TestCa.sec1Pem(cert.key());
    assertThat(sec1).contains("BEGIN EC PRIVATE KEY");
    client.secrets().inNamespace("apps").resource(new SecretBuilder()
        .withNewMetadata().withName("app-tls").withNamespace("apps")
        .addToAnnotations("cert-manager.io/issuer-name", "ca-issuer").endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString(Pem.encodeCertificates(cert.chain()).getBytes(StandardCharsets.US_ASCII)))
        .addToData("tls.key", Base64.getEncoder().encodeToString(sec1.getBytes(StandardCharsets.US_ASCII)))
        .build()).create();

    StoreContent content = new SecretStore(client, "apps", "app-tls").read();

    assertThat(content).isInstanceOf(StoreContent.Holds.class);
    StoredCertificate back = ((StoreContent.Holds) content).certificate();
    assertThat(back.issuerName()).contains("ca-issuer");
    assertThat(back.leaf()).isEqualTo(cert.leaf());
    assertThat(dev.lanyard.certificates.key.PrivateKeys.matches(back.key(), cert.leaf().getPublicKey())).isTrue();
  }

  @Test
  void aSecretWithGarbageIsInvalid() throws Exception {
    client.secrets().inNamespace("apps").resource(new SecretBuilder()
        .withNewMetadata().withName("junk").withNamespace("apps").endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)))
        .addToData("tls.key", Base64.getEncoder().encodeToString("world".getBytes(StandardCharsets.US_ASCII)))
        .build()).create();
    assertThat(new SecretStore(client, "apps", "junk").read()).isEqualTo(new StoreContent.Invalid("tls.crt holds no certificate"));
  }
}
