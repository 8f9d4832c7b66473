package dev.lanyard.acme;

import dev.lanyard.core.cert.SerialNumbers;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACME Renewal Information (RFC 9773): the CA's suggested window for a certificate and one moment
 * picked in it. The pick is kept until the CA's Retry-After (at least 1 minute, at most 1 day;
 * 6 hours without one), and kept further while the window does not move, so the lifecycle asking
 * again schedules the same renewal.
 */
final class RenewalAdvisor {
  private static final Logger log = LoggerFactory.getLogger(RenewalAdvisor.class);
  static final Duration DEFAULT_REFRESH = Duration.ofHours(6);
  /** Choices for certificates nobody asked about for this long (renewed, deleted) are dropped. */
  static final Duration FORGET_AFTER = Duration.ofDays(2);

  private final String issuer;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Choice> choices = new ConcurrentHashMap<>();

  RenewalAdvisor(String issuer, Clock clock, RandomGenerator random) {
    this.issuer = issuer;
    this.clock = clock;
    this.random = random;
  }

  Instant suggest(Login login, X509Certificate certificate) throws AcmeException {
    String id = AcmeUtils.getRenewalUniqueIdentifier(certificate);
    Instant now = clock.instant();
    Choice cached = choices.get(id);
    if (cached != null && now.isBefore(cached.refreshAt())) {
      return cached.renewAt();
    }
    RenewalInfo info = login.bindRenewalInfo(certificate);
    Optional<Instant> retryAfter = info.fetch();
    RenewalWindow window = new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd());
    Instant renewAt = cached != null && cached.window().equals(window) ? cached.renewAt() : window.pick(now, random);
    Instant refreshAt = retryAfter.map(at -> clamp(at, now.plus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))))
        .orElse(now.plus(DEFAULT_REFRESH));
    choices.values().removeIf(c -> c.refreshAt().isBefore(now.minus(FORGET_AFTER)));
    choices.put(id, new Choice(window, renewAt, refreshAt));
    log.info("issuer {}: the CA suggests renewing serial {} between {} and {}; renewing at {}{}", issuer,
        SerialNumbers.hex(certificate.getSerialNumber()), window.start(), window.end(), renewAt,
        info.getExplanation().map(u -> " (explanation: " + u + ")").orElse(""));
    return renewAt;
  }

  private record Choice(RenewalWindow window, Instant renewAt, Instant refreshAt) {}

  private static Instant clamp(Instant t, Instant min, Instant max) {
    return t.isBefore(min) ? min : t.isAfter(max) ? max : t;
  }
}
