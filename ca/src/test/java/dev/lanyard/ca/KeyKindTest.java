package dev.lanyard.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyKindTest {

  @ParameterizedTest
  @CsvSource({
      "ecdsa-p256, ECDSA_P256, 256",
      "ECDSA-P384, ECDSA_P384, 384",
      "rsa-2048, RSA_2048, 2048",
      "' rsa-4096 ', RSA_4096, 4096",
      "ed25519, ED25519, 0"})
  void parsesAndGeneratesTheNamedKey(String text, KeyKind expected, int bits) {
    KeyKind kind = KeyKind.parse(text).orElseThrow();
    assertThat(kind).isEqualTo(expected);
    KeyPair pair = kind.generate();
    if (pair.getPublic() instanceof RSAKey rsa) {
      assertThat(rsa.getModulus().bitLength()).isEqualTo(bits);
    } else if (pair.getPublic() instanceof ECKey ec) {
      assertThat(ec.getParams().getCurve().getField().getFieldSize()).isEqualTo(bits);
    } else {
      assertThat(pair.getPublic().getAlgorithm()).isIn("Ed25519", "EdDSA");
    }
  }

  @ParameterizedTest
  @CsvSource({"rsa-1024", "ecdsa", "p256", "''"})
  void rejectsUnknownSpellings(String text) {
    assertThat(KeyKind.parse(text)).isEmpty();
    assertThat(KeyKind.choices()).contains("ecdsa-p256", "rsa-4096", "ed25519");
  }
}
