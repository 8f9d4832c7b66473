package dev.lanyard.acme;

import dev.lanyard.acme.http.LastResponse;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.net.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Turns acme4j failures into messages a user can act on: the CA's problem type and detail, what
 * Lanyard was doing, and for rate limits how long to wait. Nothing here can carry key material:
 * only problem documents, URLs and names are quoted.
 */
final class AcmeFailures {
  static final String ACCOUNT_DOES_NOT_EXIST = "urn:ietf:params:acme:error:accountDoesNotExist";
  static final String EXTERNAL_ACCOUNT_REQUIRED = "urn:ietf:params:acme:error:externalAccountRequired";

  private AcmeFailures() {}

  static IssuanceException map(String issuer, String step, Throwable error, Clock clock) {
    Throwable e = error instanceof AcmeLazyLoadingException lazy && lazy.getCause() != null ? lazy.getCause() : error;
    String prefix = "issuer " + issuer + ": " + step + " failed: ";
    Instant now = clock.instant();
    Optional<LastResponse> last = LastResponse.current();
    if (e instanceof AcmeRateLimitedException rl) {
      Optional<Duration> wait = last.filter(r -> r.status() == 429).flatMap(LastResponse::retryAfter)
          .flatMap(h -> RetryAfter.parse(h, now))
          .or(() -> rl.getRetryAfter().map(at -> positive(Duration.between(now, at))));
      return new IssuanceException(prefix + "rate limited by the CA: " + describe(rl.getProblem())
          + wait.map(w -> "; retry after " + w.toSeconds() + "s").orElse(""), wait.orElse(null), null);
    }
    if (e instanceof AcmeUserActionRequiredException ua) {
      return new IssuanceException(prefix + describe(ua.getProblem())
          + ua.getProblem().getInstance().map(i -> " (see " + i + ")").orElse(""), null);
    }
    if (e instanceof AcmeServerException se) {
      String hint = se.getType().toString().equals(EXTERNAL_ACCOUNT_REQUIRED)
          ? " (set acme.eab {kid, hmacKeyFile} from the CA's account page)" : "";
      return new IssuanceException(prefix + describe(se.getProblem()) + hint, null);
    }
    if (e instanceof AcmeNetworkException) {
      String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
          : e.getCause() != null ? e.getCause().getClass().getSimpleName() : String.valueOf(e.getMessage());
      return new IssuanceException(prefix + "cannot reach the ACME server: " + cause, null);
    }
    if (e instanceof AcmeException && last.isPresent() && (last.get().status() == 429 || last.get().status() == 503)) {
      Optional<Duration> wait = last.get().retryAfter().flatMap(h -> RetryAfter.parse(h, now));
      String what = last.get().status() == 429 ? "rate limited by the CA (HTTP 429)" : "the CA is unavailable (HTTP 503)";
      return new IssuanceException(prefix + what + wait.map(w -> "; retry after " + w.toSeconds() + "s").orElse(""),
          wait.orElse(null), null);
    }
    return new IssuanceException(prefix + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
  }

  /** {@code <type>: <detail>}, with sub-problems and their identifiers. */
  static String describe(Problem p) {
    StringBuilder sb = new StringBuilder(p.getType().toString());
    p.getDetail().or(p::getTitle).ifPresent(d -> sb.append(": ").append(d));
    p.getIdentifier().ifPresent(id -> sb.append(" [").append(id.getValue()).append(']'));
    for (Problem sub : p.getSubProblems()) {
      sb.append("; ").append(describe(sub));
    }
    return sb.toString();
  }

  static boolean isAccountGone(Throwable e) {
    Throwable t = e instanceof AcmeLazyLoadingException lazy && lazy.getCause() != null ? lazy.getCause() : e;
    return t instanceof AcmeServerException se && se.getType().toString().equals(ACCOUNT_DOES_NOT_EXIST);
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d.plusMillis(999).withNanos(0);
  }
}
