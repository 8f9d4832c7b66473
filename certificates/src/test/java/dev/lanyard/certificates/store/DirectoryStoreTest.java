package dev.lanyard.certificates.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.certificates.Requests;
import dev.lanyard.certificates.TestCa;
import dev.lanyard.certificates.key.KeyGeneration;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreTest {
  @TempDir Path dir;
  private final TestCa ca = new TestCa("internal", Clock.systemUTC());

  private StoredCertificate issue(String... names) throws Exception {
    KeyPair key = KeyGeneration.generate(PrivateKeySpec.DEFAULT);
    IssuedCertificate issued = ca.issue(Requests.request("web", "internal", List.of(names), List.of()), key, Optional.empty());
    return new StoredCertificate(issued.chain(), key.getPrivate(), issued.caCertificate(), Optional.of("internal"));
  }

  @Test
  void writesCertbotLayoutWithAPrivateKeyAt0600() throws Exception {
    StoredCertificate cert = issue("*.example.test", "example.test");
    DirectoryStore store = new DirectoryStore(dir.resolve("web"), Optional.empty());

    assertThat(store.read()).isInstanceOf(StoreContent.Empty.class);
    assertThat(store.write("web", cert)).isEmpty();

    Path d = dir.resolve("web");
    assertThat(Pem.decodeCertificates(Files.readString(d.resolve("fullchain.pem")))).isEqualTo(cert.chain());
    assertThat(Pem.decodeCertificates(Files.readString(d.resolve("cert.pem")))).containsExactly(cert.leaf());
    assertThat(Pem.decodeCertificates(Files.readString(d.resolve("chain.pem")))).isEqualTo(cert.intermediates());
    assertThat(Pem.decodeCertificates(Files.readString(d.resolve("ca.pem")))).containsExactly(ca.root());
    assertThat(Files.readString(d.resolve("privkey.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.getPosixFilePermissions(d.resolve("privkey.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(d.resolve("fullchain.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.readString(d.resolve("lanyard.properties"))).contains("issuer-name=internal", "certificate-name=web");

    StoreContent back = store.read();
    assertThat(back).isInstanceOf(StoreContent.Holds.class);
    assertThat(((StoreContent.Holds) back).certificate().sameAs(cert)).isTrue();
  }

  @Test
  void replacesFilesByRenameAndLeavesNoTemporaryFiles() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.empty());
    store.write("web", issue("a.example.test"));
    Object inodeBefore = Files.getAttribute(dir.resolve("fullchain.pem"), "unix:ino");
    Object keyInodeBefore = Files.getAttribute(dir.resolve("privkey.pem"), "unix:ino");

    StoredCertificate second = issue("a.example.test");
    store.write("web", second);

    assertThat(Files.getAttribute(dir.resolve("fullchain.pem"), "unix:ino")).as("a new file renamed into place").isNotEqualTo(inodeBefore);
    assertThat(Files.getAttribute(dir.resolve("privkey.pem"), "unix:ino")).isNotEqualTo(keyInodeBefore);
    assertThat(Files.getPosixFilePermissions(dir.resolve("privkey.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("fullchain.pem", "privkey.pem", "cert.pem", "chain.pem", "ca.pem", "lanyard.properties");
    }
    assertThat(((StoreContent.Holds) store.read()).certificate().serialHex()).isEqualTo(second.serialHex());
  }

  @Test
  void aCertificateWithoutCaRemovesAStaleCaFile() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.empty());
    StoredCertificate withCa = issue("a.example.test");
    store.write("web", withCa);
    StoredCertificate withoutCa = new StoredCertificate(withCa.chain(), withCa.key(), Optional.empty(), Optional.of("acme"));
    store.write("web", withoutCa);
    assertThat(dir.resolve("ca.pem")).doesNotExist();
    assertThat(((StoreContent.Holds) store.read()).certificate().sameAs(withoutCa)).isTrue();
  }

  @Test
  void runsTheReloadCommandInTheDirectoryAfterEachWrite() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.of(new ReloadCommand("echo reloaded >> reloads.log; test -s fullchain.pem")));
    assertThat(store.write("web", issue("a.example.test"))).isEmpty();
    assertThat(store.write("web", issue("a.example.test"))).isEmpty();
    assertThat(Files.readAllLines(dir.resolve("reloads.log"))).containsExactly("reloaded", "reloaded");
  }

  @Test
  void aFailedReloadIsReportedWithItsExitStatusAndStderrButTheFilesStay() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.of(new ReloadCommand("echo 'nginx: [emerg] bad config' >&2; exit 3")));
    StoredCertificate cert = issue("a.example.test");
    Optional<String> problem = store.write("web", cert);
    assertThat(problem).hasValueSatisfying(p -> assertThat(p)
        .contains("dir " + dir, "exited 3", "nginx: [emerg] bad config"));
    assertThat(((StoreContent.Holds) store.read()).certificate().sameAs(cert)).isTrue();
  }

  @Test
  void aHangingReloadIsKilled() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.of(new ReloadCommand("sleep 30", java.time.Duration.ofMillis(300))));
    long start = System.nanoTime();
    Optional<String> problem = store.write("web", issue("a.example.test"));
    assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("did not finish in time"));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
  }

  @Test
  void unusableContentIsInvalidNotAnError() throws Exception {
    DirectoryStore store = new DirectoryStore(dir, Optional.empty());
    Files.writeString(dir.resolve("fullchain.pem"), "not pem");
    assertThat(store.read()).isEqualTo(new StoreContent.Invalid("privkey.pem is missing"));
    Files.writeString(dir.resolve("privkey.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThat(store.read()).isEqualTo(new StoreContent.Invalid("fullchain.pem holds no certificate"));
    StoredCertificate cert = issue("a.example.test");
    Files.writeString(dir.resolve("fullchain.pem"), Pem.encodeCertificates(cert.chain()));
    assertThat(store.read()).isInstanceOf(StoreContent.Invalid.class)
        .satisfies(c -> assertThat(((StoreContent.Invalid) c).reason()).startsWith("privkey.pem:"));
  }

  @Test
  void readsTraditionalKeysAUserLeftThere() throws Exception {
    StoredCertificate cert = issue("a.example.test");
    Files.writeString(dir.resolve("fullchain.pem"), Pem.encodeCertificates(cert.chain()));
    String sec1 = TestCa.sec1Pem(cert.key());
    assertThat(sec1).contains("BEGIN EC PRIVATE KEY");
    Files.writeString(dir.resolve("privkey.pem"), sec1);
    StoreContent content = new DirectoryStore(dir, Optional.empty()).read();
    assertThat(content).isInstanceOf(StoreContent.Holds.class);
    StoredCertificate back = ((StoreContent.Holds) content).certificate();
    assertThat(back.issuerName()).as("no lanyard.properties").isEmpty();
    assertThat(dev.lanyard.certificates.key.PrivateKeys.matches(back.key(), cert.leaf().getPublicKey())).isTrue();
  }
}
