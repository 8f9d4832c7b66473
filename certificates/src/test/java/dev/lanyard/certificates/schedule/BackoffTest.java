package dev.lanyard.certificates.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.Durations;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest(name = "failure {0} with Retry-After {1} waits {2}")
  @CsvSource(nullValues = "-", value = {
      "1,  -,    1m",
      "2,  -,    2m",
      "3,  -,    4m",
      "6,  -,    32m",
      "7,  -,    1h",      // 64m capped at max
      "50, -,    1h",      // no overflow
      "1,  10m,  10m",     // Retry-After longer than the backoff
      "3,  30s,  4m",      // shorter Retry-After does not shorten the backoff
      "9,  3h,   3h"})     // Retry-After beyond max is honoured
  void doublesUpToMaxAndHonoursRetryAfter(int failures, String retryAfter, String expected) {
    Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1));
    assertThat(backoff.delay(failures, Optional.ofNullable(retryAfter).flatMap(Durations::parse)))
        .isEqualTo(Durations.parse(expected).orElseThrow());
  }
}
