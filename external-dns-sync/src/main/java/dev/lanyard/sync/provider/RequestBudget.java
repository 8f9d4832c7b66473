package dev.lanyard.sync.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A sliding-window request budget: at most {@code limit} requests in any {@code window}. Unlike a
 * token bucket it never allows a burst that would exceed a provider's own fixed window (Cloudflare:
 * 1,200 requests per 5 minutes, then every call fails for 5 minutes). A 429 from the provider blocks
 * the budget until its Retry-After has passed.
 */
public final class RequestBudget {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ArrayDeque<Long> sent = new ArrayDeque<>();
  private long blockedUntil;

  public RequestBudget(int limit, Duration window, Clock clock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("request budget needs a positive limit and window, got " + limit + " per " + window);
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Takes one request from the budget, or says how long to wait. */
  public synchronized void acquire() throws RateLimitedException {
    Optional<Duration> wait = waitTime();
    if (wait.isPresent()) {
      throw new RateLimitedException(blockedUntil > now()
          ? "provider rate limit: waiting for its Retry-After"
          : "request budget of " + limit + " per " + window.toSeconds() + "s spent", wait.get());
    }
    sent.addLast(now());
  }

  /** How long until a request may be sent; empty when one may be sent now. */
  public synchronized Optional<Duration> waitTime() {
    long now = now();
    if (blockedUntil > now) {
      return Optional.of(Duration.ofMillis(blockedUntil - now));
    }
    long horizon = now - window.toMillis();
    while (!sent.isEmpty() && sent.peekFirst() <= horizon) {
      sent.pollFirst();
    }
    if (sent.size() < limit) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(sent.peekFirst() + window.toMillis() - now));
  }

  /** Blocks every request for {@code d} (the provider said Retry-After). */
  public synchronized void blockFor(Duration d) {
    blockedUntil = Math.max(blockedUntil, now() + d.toMillis());
  }

  /** Requests still allowed in the current window. */
  public synchronized int remaining() {
    waitTime();
    return Math.max(0, limit - sent.size());
  }

  private long now() {
    return clock.millis();
  }
}
