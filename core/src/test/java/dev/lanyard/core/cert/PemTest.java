package dev.lanyard.core.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys as openssl and cert-manager write them are read with the JDK alone. */
class PemTest {
  @TempDir Path dir;

  private String openssl(String... args) throws IOException, InterruptedException {
    Path out = dir.resolve("key.pem");
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl", args[0], "-out", out.toString()));
    cmd.addAll(List.of(args).subList(1, args.length));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ": " + log).isZero();
    return Files.readString(out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "PKCS#8 EC P-256        | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256                          | EC",
      "SEC1 EC P-384          | ecparam -name secp384r1 -genkey -noout                                           | EC",
      "SEC1 after EC PARAMS   | ecparam -name prime256v1 -genkey                                                 | EC",
      "PKCS#1 RSA             | genrsa -traditional 2048                                                         | RSA",
      "PKCS#8 RSA             | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048                             | RSA",
      "PKCS#8 Ed25519         | genpkey -algorithm ED25519                                                       | EdDSA",
  })
  void readsWhatOpensslWrites(String name, String args, String family) throws Exception {
    PrivateKey key = Pem.decodePrivateKey(openssl(args.trim().split("\\s+")));
    assertThat(key.getAlgorithm()).isIn(family, family.equals("EdDSA") ? "Ed25519" : family);
    if (family.equals("EC")) {
      assertThat(key).isInstanceOf(ECPrivateKey.class);
    }
    if (family.equals("RSA")) {
      assertThat(key).isInstanceOf(RSAPrivateKey.class);
    }
  }

  @Test
  void roundTripsWhatItWrites() throws Exception {
    PrivateKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
    assertThat(Pem.decodePrivateKey(Pem.encodePrivateKey(key)).getEncoded()).isEqualTo(key.getEncoded());
  }

  @Test
  void encryptedKeysAreRefusedWithAReason() throws Exception {
    String pem = openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:x");
    assertThatThrownBy(() -> Pem.decodePrivateKey(pem)).hasMessageContaining("encrypted");
    String legacy = openssl("genrsa", "-traditional", "-aes128", "-passout", "pass:x", "2048");
    assertThatThrownBy(() -> Pem.decodePrivateKey(legacy)).hasMessageContaining("encrypted");
  }

  @Test
  void garbageIsReportedNotThrownAsSomethingElse() {
    assertThatThrownBy(() -> Pem.decodePrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
        .isInstanceOf(java.security.GeneralSecurityException.class);
    assertThatThrownBy(() -> Pem.decodePrivateKey("hello")).hasMessageContaining("no private key found");
  }
}
