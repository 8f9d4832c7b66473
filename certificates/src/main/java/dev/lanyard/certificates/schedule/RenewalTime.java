package dev.lanyard.certificates.schedule;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a certificate is renewed, following cert-manager: {@code notAfter - renewBefore}, truncated
 * to the second, where renewBefore defaults to a third of the actual lifetime (renew at 2/3) and a
 * renewBefore that is not shorter than the lifetime is ignored. The CA's own suggestion (ACME ARI)
 * wins when there is one.
 */
public final class RenewalTime {
  /** Jitter is at most 2% of the lifetime and never more than an hour. */
  private static final Duration MAX_JITTER = Duration.ofHours(1);

  private RenewalTime() {}

  /** cert-manager's renewal instant, without jitter. */
  public static Instant of(Instant notBefore, Instant notAfter, Optional<Duration> renewBefore) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration before = renewBefore
        .filter(rb -> !rb.isNegative() && !rb.isZero() && rb.compareTo(lifetime) < 0)
        .orElse(lifetime.dividedBy(3));
    return notAfter.minus(before).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The renewal instant with a small jitter that moves it earlier, never later: up to 2% of the
   * lifetime (at most an hour), derived from the serial so that restarts keep the same instant while
   * certificates issued together spread out.
   */
  public static Instant jittered(Instant notBefore, Instant notAfter, Optional<Duration> renewBefore, BigInteger serial) {
    Instant base = of(notBefore, notAfter, renewBefore);
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration max = lifetime.dividedBy(50);
    if (max.compareTo(MAX_JITTER) > 0) {
      max = MAX_JITTER;
    }
    long fraction = serial.mod(BigInteger.valueOf(1000)).longValue();
    Instant jittered = base.minusMillis(max.toMillis() * fraction / 1000);
    return jittered.isBefore(notBefore) ? notBefore : jittered;
  }

  /** The instant to act on: the issuer's suggestion when it has one, else the jittered default. */
  public static Instant choose(Instant notBefore, Instant notAfter, Optional<Duration> renewBefore, BigInteger serial,
      Optional<Instant> suggested) {
    return suggested.orElseGet(() -> jittered(notBefore, notAfter, renewBefore, serial));
  }
}
