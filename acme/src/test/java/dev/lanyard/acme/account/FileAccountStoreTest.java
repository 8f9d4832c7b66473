package dev.lanyard.acme.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileAccountStoreTest {
  @TempDir
  Path dir;

  @Test
  void createsTheKeyOnceOwnerReadableOnly() throws Exception {
    FileAccountStore store = new FileAccountStore(dir.resolve("sub/acme-account.pem"));
    assertThat(store.load()).isEmpty();

    KeyPair first = AccountKeys.generate();
    StoredAccount created = store.create(first);
    StoredAccount second = store.create(AccountKeys.generate());

    assertThat(created.keyPair().getPublic()).isEqualTo(first.getPublic());
    assertThat(second.keyPair().getPublic()).as("a key already there wins").isEqualTo(first.getPublic());
    assertThat(store.load()).get().extracting(s -> s.keyPair().getPublic()).isEqualTo(first.getPublic());
    assertThat(Files.getPosixFilePermissions(dir.resolve("sub/acme-account.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(dir.resolve("sub"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("acme-account.pem");
    }
  }

  @Test
  void keepsOneAccountUrlPerDirectoryBesideTheKey() throws Exception {
    FileAccountStore store = new FileAccountStore(dir.resolve("acme-account.pem"));
    store.create(AccountKeys.generate());

    store.saveAccount("https://acme-staging.test/dir", URI.create("https://acme-staging.test/acct/1").toURL());
    store.saveAccount("https://acme.test/dir", URI.create("https://acme.test/acct/9").toURL());
    store.saveAccount("https://acme-staging.test/dir", URI.create("https://acme-staging.test/acct/2").toURL());

    StoredAccount loaded = new FileAccountStore(dir.resolve("acme-account.pem")).load().orElseThrow();
    assertThat(loaded.accountAt("https://acme-staging.test/dir")).get().hasToString("https://acme-staging.test/acct/2");
    assertThat(loaded.accountAt("https://acme.test/dir")).get().hasToString("https://acme.test/acct/9");
    assertThat(loaded.accountAt("https://other.test/dir")).isEmpty();
    assertThat(store.accountsFile()).isEqualTo(dir.resolve("acme-account.pem.json"));
    assertThat(loaded.toString()).doesNotContain(AccountKeys.toPem(loaded.keyPair()).substring(28, 60));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                | {accounts:                      | acme-account.pem.json: not JSON",
      "wrong shape             | [1, 2]                          | expected {\"accounts\"",
      "URL is not a string     | {\"accounts\": {\"d\": 3}}     | account URL for d is not a string",
      "URL is not a URL        | {\"accounts\": {\"d\": \"::\"}} | \"::\" is not a URL",
  })
  void aDamagedAccountFileIsNamedWithTheProblem(String label, String json, String message) throws Exception {
    FileAccountStore store = new FileAccountStore(dir.resolve("acme-account.pem"));
    store.create(AccountKeys.generate());
    Files.writeString(store.accountsFile(), json);

    assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining(message);
  }
}
