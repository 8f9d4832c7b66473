package dev.lanyard.acme.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.peers.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountKeysTest {
  @TempDir
  Path dir;

  @Test
  void aNewKeyIsP256AndSurvivesItsOwnPem() throws Exception {
    KeyPair key = AccountKeys.generate();
    String pem = AccountKeys.toPem(key);

    KeyPair read = AccountKeys.fromPem(pem, "test");

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(read.getPublic()).isEqualTo(key.getPublic());
    assertThat(read.getPrivate()).isEqualTo(key.getPrivate());
  }

  /** Keys as other tools write them; the public half must really belong to the private one. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "PKCS#8 P-256 (openssl genpkey)       | BEGIN PRIVATE KEY     | openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256",
      "PKCS#8 P-384                         | BEGIN PRIVATE KEY     | openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384",
      "SEC1 EC PRIVATE KEY (openssl ecparam) | BEGIN EC PRIVATE KEY | openssl ecparam -name prime256v1 -genkey -noout",
      "PKCS#1 RSA (cert-manager's Secrets)  | BEGIN RSA PRIVATE KEY | openssl genrsa -traditional 2048",
      "PKCS#8 RSA                           | BEGIN PRIVATE KEY     | openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048",
  })
  void readsKeysOtherToolsWrote(String label, String marker, String command) throws Exception {
    String pem = ChildProcess.run(dir, List.of(command.split(" ")));
    assertThat(pem).contains(marker);

    KeyPair key = AccountKeys.fromPem(pem, "file x.pem");

    assertThat(signsAndVerifies(key)).isTrue();
  }

  @Test
  void refusesEd25519WithAReason() {
    String pem = ChildProcess.run(dir, List.of("openssl", "genpkey", "-algorithm", "ed25519"));

    assertThatThrownBy(() -> AccountKeys.fromPem(pem, "file ed.pem"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("file ed.pem")
        .hasMessageContaining("use an EC (P-256) or RSA key");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty file              | ''",
      "a certificate only      | -----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",
      "plain text              | not a key at all",
  })
  void textWithoutAKeySaysWhatWasExpected(String label, String text) {
    assertThatThrownBy(() -> AccountKeys.fromPem(text.replace("\\n", "\n"), "file k.pem"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("file k.pem: ");
  }

  @Test
  void aDamagedKeyIsReportedWithoutQuotingIt() throws Exception {
    String pem = AccountKeys.toPem(AccountKeys.generate());
    String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    String damaged = pem.replace(body.substring(10, 30), "AAAAAAAAAAAAAAAAAAAA");
    Files.writeString(dir.resolve("damaged.pem"), damaged, StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> AccountKeys.fromPem(damaged, "file damaged.pem"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("file damaged.pem: ")
        .hasMessageNotContaining(body.substring(30, 50))
        .hasMessageNotContaining("AAAAAAAAAA");
  }

  private static boolean signsAndVerifies(KeyPair key) throws GeneralSecurityException {
    String alg = key.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    Signature s = Signature.getInstance(alg);
    s.initSign(key.getPrivate());
    s.update("lanyard".getBytes(StandardCharsets.US_ASCII));
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(key.getPublic());
    v.update("lanyard".getBytes(StandardCharsets.US_ASCII));
    return v.verify(sig);
  }
}
