package dev.lanyard.sync.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One provider's counters, exported as {@code lanyard_sync_requests_total{provider,method,status}},
 * {@code lanyard_sync_errors_total{provider}}, {@code lanyard_sync_rate_limit_waits_total{provider}} and
 * {@code lanyard_sync_last_success_timestamp_seconds{provider}}, and kept for the status page.
 */
public final class ProviderMetrics {
  private final String provider;
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> requestsByMethod = new ConcurrentHashMap<>();
  private final Counter errors;
  private final Counter rateLimitWaits;
  private final AtomicLong lastSuccessMillis = new AtomicLong();

  public ProviderMetrics(String provider, MeterRegistry registry) {
    this.provider = provider;
    this.registry = registry;
    this.errors = Counter.builder("lanyard.sync.errors").tag("provider", provider)
        .description("failed sync runs and refused changes").register(registry);
    this.rateLimitWaits = Counter.builder("lanyard.sync.rate.limit.waits").tag("provider", provider)
        .description("sync runs postponed by the request budget or a 429").register(registry);
    Gauge.builder("lanyard.sync.last.success.timestamp.seconds", lastSuccessMillis, v -> v.get() / 1000.0)
        .tag("provider", provider).description("end of the last fully successful sync run").register(registry);
  }

  /** One API request (HTTP method and status) or DNS message (UPDATE/AXFR/SOA and rcode). */
  public void request(String method, String status) {
    Counter.builder("lanyard.sync.requests").tag("provider", provider).tag("method", method).tag("status", status)
        .description("requests sent to the provider").register(registry).increment();
    requestsByMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
  }

  public void error() {
    errors.increment();
  }

  public void rateLimitWait() {
    rateLimitWaits.increment();
  }

  public void success(Instant at) {
    lastSuccessMillis.set(at.toEpochMilli());
  }

  /** Requests so far by method, sorted. */
  public Map<String, Long> requests() {
    Map<String, Long> out = new TreeMap<>();
    requestsByMethod.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public long totalRequests() {
    return requestsByMethod.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long rateLimitWaits() {
    return (long) rateLimitWaits.count();
  }
}
