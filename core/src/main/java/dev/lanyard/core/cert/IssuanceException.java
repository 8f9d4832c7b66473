package dev.lanyard.core.cert;

import java.time.Duration;
import java.util.Optional;

/**
 * Issuance failed. The message is shown to the user (log, {@code lanyard certs list}) and must
 * never contain key material.
 */
public class IssuanceException extends Exception {
  private final Duration retryAfter;

  public IssuanceException(String message) {
    this(message, null, null);
  }

  public IssuanceException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** A failure the CA asked us to retry no earlier than {@code retryAfter} (rate limits). */
  public IssuanceException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
