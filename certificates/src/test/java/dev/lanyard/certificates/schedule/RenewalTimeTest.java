package dev.lanyard.certificates.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalTimeTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "lifetime {0}, renewBefore {1} -> renew {2} after issuance")
  @CsvSource(nullValues = "-", value = {
      // lifetime, renewBefore, renew after
      "2160h, -,     1440h",   // 90 days: renew at 60 days (2/3)
      "2160h, 720h,  1440h",   // renewBefore 30 days
      "2160h, 360h,  1800h",   // renewBefore 15 days
      "2160h, 2160h, 1440h",   // renewBefore == lifetime is ignored
      "2160h, 3000h, 1440h",   // renewBefore > lifetime is ignored
      "24h,   -,     16h",
      "2m,    -,     80s",     // short test certificates
      "2m,    110s,  10s",
      "100s,  -,     66s",     // 100/3 = 33.33s before: truncated to the second
      "1h,    0s,    40m"})    // zero renewBefore means the default
  void cutsTheLastThirdOrRenewBefore(String lifetime, String renewBefore, String renewAfter) {
    Instant notAfter = START.plus(Durations.parse(lifetime).orElseThrow());
    Instant at = RenewalTime.of(START, notAfter, Optional.ofNullable(renewBefore).flatMap(Durations::parse));
    assertThat(at).isEqualTo(START.plus(Durations.parse(renewAfter).orElseThrow()));
  }

  @ParameterizedTest
  @CsvSource({"2160h, 1h", "24h, 1728s", "2m, 2400ms"})
  void jitterOnlyMovesEarlierAndBoundedBy2PercentOrAnHour(String lifetime, String maxJitter) {
    Instant notAfter = START.plus(Durations.parse(lifetime).orElseThrow());
    Instant base = RenewalTime.of(START, notAfter, Optional.empty());
    Duration max = Durations.parse(maxJitter).orElseThrow();
    java.util.Set<Instant> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      BigInteger serial = BigInteger.valueOf(i * 7919L + 13);
      Instant j = RenewalTime.jittered(START, notAfter, Optional.empty(), serial);
      assertThat(j).isBeforeOrEqualTo(base).isAfterOrEqualTo(base.minus(max));
      assertThat(RenewalTime.jittered(START, notAfter, Optional.empty(), serial)).as("same serial, same instant").isEqualTo(j);
      seen.add(j);
    }
    assertThat(seen).as("different serials spread out").hasSizeGreaterThan(50);
  }

  @Test
  void theIssuersSuggestionWins() {
    Instant notAfter = START.plus(Duration.ofDays(90));
    Instant ari = START.plus(Duration.ofDays(10));
    assertThat(RenewalTime.choose(START, notAfter, Optional.of(Duration.ofDays(30)), BigInteger.TEN, Optional.of(ari))).isEqualTo(ari);
    assertThat(RenewalTime.choose(START, notAfter, Optional.of(Duration.ofDays(30)), BigInteger.TEN, Optional.empty()))
        .isBeforeOrEqualTo(START.plus(Duration.ofDays(60)))
        .isAfter(START.plus(Duration.ofDays(59)));
  }
}
