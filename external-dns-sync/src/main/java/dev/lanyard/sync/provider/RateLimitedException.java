package dev.lanyard.sync.provider;

import java.io.IOException;
import java.time.Duration;

/** The run must wait: the client-side request budget is spent, or the provider answered 429. */
public final class RateLimitedException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
