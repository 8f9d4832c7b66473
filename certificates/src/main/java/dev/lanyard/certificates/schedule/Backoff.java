package dev.lanyard.certificates.schedule;

import java.time.Duration;
import java.util.Optional;

/**
 * The wait after a failed attempt: {@code initial}, doubling with each consecutive failure up to
 * {@code max}. A CA's Retry-After is honoured even when it is longer than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff.initial must be positive, not " + initial);
    }
    if (max.compareTo(initial) < 0) {
      max = initial;
    }
  }

  /** @param failures consecutive failures so far, at least 1 */
  public Duration delay(int failures, Optional<Duration> retryAfter) {
    Duration d = initial;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    if (d.compareTo(max) > 0) {
      d = max;
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
      d = retryAfter.get();
    }
    return d;
  }
}
