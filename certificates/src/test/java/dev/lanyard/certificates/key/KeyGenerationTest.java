package dev.lanyard.certificates.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.PrivateKeySpec;
import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGenerationTest {

  @ParameterizedTest
  @CsvSource({"ECDSA, 256", "ECDSA, 384", "ECDSA, 521", "RSA, 2048", "RSA, 3072", "ED25519, 0"})
  void generatesWhatTheSpecAsksAndRecognisesIt(KeyAlgorithm algorithm, int size) {
    PrivateKeySpec spec = new PrivateKeySpec(algorithm, size, PrivateKeySpec.RotationPolicy.ALWAYS);
    KeyPair pair = KeyGeneration.generate(spec);
    assertThat(PrivateKeys.fits(pair.getPublic(), spec)).isTrue();
    assertThat(PrivateKeys.matches(pair.getPrivate(), pair.getPublic())).isTrue();
    assertThat(PrivateKeys.describe(pair.getPublic(), spec.rotationPolicy())).contains(
        algorithm == KeyAlgorithm.ED25519 ? new PrivateKeySpec(KeyAlgorithm.ED25519, 0, spec.rotationPolicy()) : spec);
  }

  @ParameterizedTest
  @CsvSource({"ECDSA, 255, 'ECDSA key size must be 256, 384 or 521'", "RSA, 1024, 'RSA key size must be 2048..8192'"})
  void refusesSizesTheAlgorithmDoesNotHave(KeyAlgorithm algorithm, int size, String message) {
    assertThatThrownBy(() -> KeyGeneration.generate(new PrivateKeySpec(algorithm, size, PrivateKeySpec.RotationPolicy.ALWAYS)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"ECDSA, 256, ECDSA, 384", "ECDSA, 256, RSA, 2048", "RSA, 2048, RSA, 3072", "ED25519, 0, ECDSA, 256"})
  void keysOfAnotherTypeOrSizeDoNotFit(KeyAlgorithm have, int haveSize, KeyAlgorithm want, int wantSize) {
    KeyPair pair = KeyGeneration.generate(new PrivateKeySpec(have, haveSize, PrivateKeySpec.RotationPolicy.ALWAYS));
    assertThat(PrivateKeys.fits(pair.getPublic(), new PrivateKeySpec(want, wantSize, PrivateKeySpec.RotationPolicy.ALWAYS))).isFalse();
    KeyPair other = KeyGeneration.generate(new PrivateKeySpec(want, wantSize, PrivateKeySpec.RotationPolicy.ALWAYS));
    assertThat(PrivateKeys.matches(pair.getPrivate(), other.getPublic())).isFalse();
  }
}
