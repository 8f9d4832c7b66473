package dev.lanyard.acme;

import dev.lanyard.core.cert.IssuanceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Polls an ACME resource until it reaches one of the wanted states. Waits what the CA's
 * Retry-After asks for, else a short pause that doubles (50 ms up to 3 s): a fast CA is seen
 * at once, a slow one is not hammered. acme4j's own wait starts at 3 s.
 */
final class Poller {
  static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  static final Duration MAX_PAUSE = Duration.ofSeconds(3);

  private final Clock clock;

  Poller(Clock clock) {
    this.clock = clock;
  }

  Status await(PollableResource resource, Set<Status> wanted, Duration timeout, String what)
      throws AcmeException, InterruptedException, IssuanceException {
    Instant deadline = clock.instant().plus(timeout);
    Status status = resource.getStatus();
    Duration pause = FIRST_PAUSE;
    Optional<Instant> retryAfter = Optional.empty();
    while (!wanted.contains(status)) {
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new IssuanceException(what + " is still " + status.name().toLowerCase() + " after " + timeout.toSeconds() + "s");
      }
      Thread.sleep(nextWait(now, retryAfter, pause, deadline));
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) < 0 ? pause.multipliedBy(2) : MAX_PAUSE;
      retryAfter = resource.fetch();
      status = resource.getStatus();
    }
    return status;
  }

  /** The CA's Retry-After when it gave one, else our pause; never past the deadline. */
  static Duration nextWait(Instant now, Optional<Instant> retryAfter, Duration pause, Instant deadline) {
    Duration wait = retryAfter.map(at -> Duration.between(now, at)).filter(d -> !d.isNegative()).orElse(pause);
    Duration left = Duration.between(now, deadline);
    return wait.compareTo(left) < 0 ? wait : left;
  }
}
