package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollerTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @ParameterizedTest(name = "retryAfter {0}ms, pause {1}ms, deadline {2}ms -> {3}ms")
  @CsvSource(nullValues = "none", value = {
      "none, 50, 60000, 50",
      "2000, 50, 60000, 2000",
      "-500, 400, 60000, 400",
      "90000, 50, 60000, 60000",
      "none, 3000, 1000, 1000",
  })
  void waitsWhatTheCaAsksNeverPastTheDeadline(Long retryAfterMs, long pauseMs, long deadlineMs, long expectedMs) {
    Optional<Instant> retryAfter = Optional.ofNullable(retryAfterMs).map(NOW::plusMillis);

    Duration wait = Poller.nextWait(NOW, retryAfter, Duration.ofMillis(pauseMs), NOW.plusMillis(deadlineMs));

    assertThat(wait).isEqualTo(Duration.ofMillis(expectedMs));
  }
}
