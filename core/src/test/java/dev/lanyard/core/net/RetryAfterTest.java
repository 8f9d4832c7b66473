package dev.lanyard.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "120                            | PT2M",
      " 0                             | PT0S",
      "Mon, 23 Nov 2026 12:05:00 GMT  | PT5M",
      "Mon, 23 Nov 2026 11:00:00 GMT  | PT0S",
      "                               | ",
      "soon                           | ",
      "-5                             | ",
      "99999999999                    | ",
  })
  void parsesSecondsAndHttpDates(String header, String expected) {
    Optional<Duration> parsed = RetryAfter.parse(header, NOW);

    assertThat(parsed).isEqualTo(Optional.ofNullable(expected).map(Duration::parse));
  }
}
