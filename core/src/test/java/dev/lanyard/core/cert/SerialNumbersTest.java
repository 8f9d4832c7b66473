package dev.lanyard.core.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialNumbersTest {
  @ParameterizedTest
  @CsvSource({"52c70dcf3243da9, 052c70dcf3243da9", "ff, ff", "1, 01", "0a1b, 0a1b"})
  void printsWholeBytesAsOpensslDoes(String in, String expected) {
    assertThat(SerialNumbers.hex(new BigInteger(in, 16))).isEqualTo(expected);
  }
}
