package dev.lanyard.acme.http;

import java.util.Optional;

/**
 * Status and {@code Retry-After} of the last ACME response on this thread. acme4j turns an error
 * without a problem document (a bare 429 or 503) into "HTTP 429" and drops the header; this keeps
 * it so the issuer can still back off as asked.
 */
public record LastResponse(int status, Optional<String> retryAfter) {
  private static final ThreadLocal<LastResponse> CURRENT = new ThreadLocal<>();

  static void record(int status, Optional<String> retryAfter) {
    CURRENT.set(new LastResponse(status, retryAfter));
  }

  public static Optional<LastResponse> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  public static void clear() {
    CURRENT.remove();
  }
}
