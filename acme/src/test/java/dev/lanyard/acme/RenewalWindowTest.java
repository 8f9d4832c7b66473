package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalWindowTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  /** Offsets in hours from now; the pick must land in [from, to]. */
  @ParameterizedTest(name = "window [{0}h, {1}h] -> [{2}h, {3}h]")
  @CsvSource({
      "48, 72, 48, 72",
      "-24, 24, 0, 24",
      "-48, -24, 0, 0",
      "10, 10, 10, 10",
  })
  void picksInsideWhatIsLeftOfTheWindow(long startH, long endH, long fromH, long toH) {
    RenewalWindow w = new RenewalWindow(NOW.plus(Duration.ofHours(startH)), NOW.plus(Duration.ofHours(endH)));
    for (long seed = 0; seed < 200; seed++) {
      Instant pick = w.pick(NOW, new Random(seed));
      assertThat(pick).isBetween(NOW.plus(Duration.ofHours(fromH)), NOW.plus(Duration.ofHours(toH)));
    }
  }

  @Test
  void picksSpreadOverTheWindow() {
    RenewalWindow w = new RenewalWindow(NOW, NOW.plus(Duration.ofDays(2)));
    RandomGenerator random = new Random(42);
    long firstDay = 0;
    for (int i = 0; i < 1000; i++) {
      if (w.pick(NOW, random).isBefore(NOW.plus(Duration.ofDays(1)))) {
        firstDay++;
      }
    }
    assertThat(firstDay).isBetween(430L, 570L);
  }

  @Test
  void aWindowEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> new RenewalWindow(NOW, NOW.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends");
  }
}
