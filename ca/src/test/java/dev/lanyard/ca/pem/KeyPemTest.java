package dev.lanyard.ca.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ca.KeyKind;
import dev.lanyard.ca.OpenSsl;
import dev.lanyard.ca.x509.KeyMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class KeyPemTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = KeyKind.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_2048", "ED25519"})
  void traditionalAndPkcs8RoundTrip(KeyKind kind) throws Exception {
    KeyPair pair = kind.generate();
    for (String pem : new String[] {KeyPem.writePkcs8(pair.getPrivate()), KeyPem.writeTraditional(pair.getPrivate())}) {
      PrivateKey back = KeyPem.read(pem);
      assertThat(KeyMatch.matches(back, pair.getPublic())).isTrue();
    }
    String expected = switch (kind) {
      case RSA_2048 -> "BEGIN RSA PRIVATE KEY";
      case ED25519 -> "BEGIN PRIVATE KEY";
      default -> "BEGIN EC PRIVATE KEY";
    };
    assertThat(KeyPem.writeTraditional(pair.getPrivate())).contains(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "genrsa -traditional -out k.pem 2048                        | BEGIN RSA PRIVATE KEY",
      "ecparam -name secp384r1 -genkey -out k.pem                 | BEGIN EC PARAMETERS",
      "genpkey -algorithm ED25519 -out k.pem                      | BEGIN PRIVATE KEY",
      "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out k.pem | BEGIN PRIVATE KEY"})
  void readsKeysOpensslWrites(String command, String marker) throws Exception {
    OpenSsl.ok(dir, command.trim().split("\\s+"));
    String pem = Files.readString(dir.resolve("k.pem"));
    assertThat(pem).contains(marker);
    PrivateKey key = KeyPem.read(pem);
    String pub = OpenSsl.ok(dir, "pkey", "-in", "k.pem", "-pubout");
    assertThat(dev.lanyard.core.cert.Pem.blocks(pub)).hasSize(1);
    byte[] spki = dev.lanyard.core.cert.Pem.blocks(pub).get(0).der();
    String alg = key.getAlgorithm().equals("EdDSA") ? "Ed25519" : key.getAlgorithm();
    var publicKey = java.security.KeyFactory.getInstance(alg).generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    assertThat(KeyMatch.matches(key, publicKey)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = KeyKind.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_2048"})
  void opensslReadsTheTraditionalKeysWeWrite(KeyKind kind) throws Exception {
    KeyPair pair = kind.generate();
    Files.writeString(dir.resolve("k.pem"), KeyPem.writeTraditional(pair.getPrivate()));
    String pub = OpenSsl.ok(dir, "pkey", "-in", "k.pem", "-pubout");
    assertThat(dev.lanyard.core.cert.Pem.blocks(pub).get(0).der()).isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void refusesEncryptedKeys() {
    OpenSsl.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:secret",
        "-out", "enc.pem");
    assertThatThrownBy(() -> KeyPem.read(Files.readString(dir.resolve("enc.pem"))))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("encrypted");
  }

  @Test
  void saysWhatItExpectedWhenThereIsNoKey() {
    assertThatThrownBy(() -> KeyPem.read("just text"))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("BEGIN EC PRIVATE KEY");
    assertThatThrownBy(() -> KeyPem.read("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("cannot be parsed");
  }

  @Test
  void keyMatchTellsKeysApart() {
    KeyPair a = KeyKind.ECDSA_P256.generate();
    KeyPair b = KeyKind.ECDSA_P256.generate();
    KeyPair rsa = KeyKind.RSA_2048.generate();
    assertThat(KeyMatch.matches(a.getPrivate(), a.getPublic())).isTrue();
    assertThat(KeyMatch.matches(a.getPrivate(), b.getPublic())).isFalse();
    assertThat(KeyMatch.matches(a.getPrivate(), rsa.getPublic())).isFalse();
  }
}
