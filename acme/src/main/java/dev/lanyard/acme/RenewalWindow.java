package dev.lanyard.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * An ACME Renewal Information window (RFC 9773 §4.2). The client picks a uniformly random moment
 * in it, so renewals of many certificates spread out; a window already open is picked from what is
 * left of it, one already closed means renew now.
 */
record RenewalWindow(Instant start, Instant end) {

  RenewalWindow {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("renewal window ends (" + end + ") before it starts (" + start + ")");
    }
  }

  Instant pick(Instant now, RandomGenerator random) {
    Instant from = start.isAfter(now) ? start : now;
    if (!end.isAfter(from)) {
      return from;
    }
    long span = Duration.between(from, end).toMillis();
    return span <= 0 ? from : from.plusMillis(random.nextLong(span));
  }

  boolean contains(Instant t) {
    return !t.isBefore(start) && !t.isAfter(end);
  }
}
