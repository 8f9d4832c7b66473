package dev.lanyard.acme.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.peers.ChildProcess;
import dev.lanyard.core.config.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class SecretAccountStoreTest {
  KubernetesClient client;

  @TempDir
  Path dir;

  @Test
  void createsTheSecretWithTheKeyAndAddsAccountUrlsBesideIt() throws Exception {
    SecretAccountStore store = new SecretAccountStore(client, new SecretRef("lanyard", "acme-account"));
    assertThat(store.load()).isEmpty();

    KeyPair key = AccountKeys.generate();
    store.create(key);
    store.saveAccount("https://acme.test/dir", URI.create("https://acme.test/acct/7").toURL());

    Secret s = client.secrets().inNamespace("lanyard").withName("acme-account").get();
    assertThat(s.getType()).isEqualTo("Opaque");
    assertThat(s.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "lanyard");
    assertThat(text(s, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(text(s, "acme-accounts.json")).contains("\"https://acme.test/dir\" : \"https://acme.test/acct/7\"");
    StoredAccount loaded = store.load().orElseThrow();
    assertThat(loaded.keyPair().getPublic()).isEqualTo(key.getPublic());
    assertThat(loaded.accountAt("https://acme.test/dir")).get().hasToString("https://acme.test/acct/7");
    assertThat(store.create(AccountKeys.generate()).keyPair().getPublic()).as("never replaced").isEqualTo(key.getPublic());
  }

  @Test
  void readsTheRsaKeyCertManagerLeftAndKeepsItsOtherData() throws Exception {
    String pkcs1 = ChildProcess.run(dir, List.of("openssl", "genrsa", "-traditional", "2048"));
    client.secrets().inNamespace("cert-manager").resource(new SecretBuilder()
        .withNewMetadata().withNamespace("cert-manager").withName("letsencrypt-account").endMetadata()
        .addToData("tls.key", encode(pkcs1)).addToData("note", encode("kept")).build()).create();
    SecretAccountStore store = new SecretAccountStore(client, new SecretRef("cert-manager", "letsencrypt-account"));

    StoredAccount loaded = store.load().orElseThrow();
    store.saveAccount("https://acme.test/dir", URI.create("https://acme.test/acct/1").toURL());

    assertThat(loaded.keyPair().getPrivate().getAlgorithm()).isEqualTo("RSA");
    Secret s = client.secrets().inNamespace("cert-manager").withName("letsencrypt-account").get();
    assertThat(text(s, "note")).isEqualTo("kept");
    assertThat(text(s, "tls.key")).isEqualTo(pkcs1);
  }

  @Test
  void aSecretWithoutTheKeyGetsOneAndKeepsTheRest() throws Exception {
    client.secrets().inNamespace("lanyard").resource(new SecretBuilder()
        .withNewMetadata().withNamespace("lanyard").withName("prepared").endMetadata()
        .addToData("other", encode("x")).build()).create();
    SecretAccountStore store = new SecretAccountStore(client, new SecretRef("lanyard", "prepared"));
    assertThat(store.load()).isEmpty();

    KeyPair key = AccountKeys.generate();
    assertThat(store.create(key).keyPair().getPublic()).isEqualTo(key.getPublic());

    Secret s = client.secrets().inNamespace("lanyard").withName("prepared").get();
    assertThat(s.getData()).containsKeys("tls.key", "other");
  }

  @Test
  void aBrokenKeyNamesTheSecretAndTheDataKey() {
    client.secrets().inNamespace("lanyard").resource(new SecretBuilder()
        .withNewMetadata().withNamespace("lanyard").withName("broken").endMetadata()
        .addToData("tls.key", encode("nothing here")).build()).create();
    SecretAccountStore store = new SecretAccountStore(client, new SecretRef("lanyard", "broken"));

    assertThatThrownBy(store::load).isInstanceOf(IOException.class)
        .hasMessageStartingWith("secret lanyard/broken tls.key: no private key found");
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }
}
