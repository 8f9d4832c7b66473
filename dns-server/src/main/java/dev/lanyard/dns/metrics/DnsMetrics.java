package dev.lanyard.dns.metrics;

import dev.lanyard.dns.rrl.RateLimiter;
import dev.lanyard.dns.wire.Rcodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters: {@code lanyard_dns_queries_total{view,qtype,rcode,protocol}},
 * {@code lanyard_dns_query_duration_seconds{protocol}} (histogram) and
 * {@code lanyard_dns_rrl_limited_total{action}}. Counters are created on first use and cached in
 * arrays, so counting a query allocates nothing.
 */
public final class DnsMetrics {
  public static final int UDP = 0;
  public static final int TCP = 1;
  private static final String[] PROTOCOLS = {"udp", "tcp"};
  private static final int[] TYPE_CODES = {1, 2, 5, 6, 12, 15, 16, 28, 33, 43, 48, 64, 65, 257, 255, 252, 251};
  private static final String[] TYPE_NAMES =
      {"A", "NS", "CNAME", "SOA", "PTR", "MX", "TXT", "AAAA", "SRV", "DS", "DNSKEY", "SVCB", "HTTPS", "CAA",
          "ANY", "AXFR", "IXFR", "OTHER"};
  /** Label for queries answered before a view was chosen (malformed, refused). */
  public static final String NO_VIEW = "none";

  private final MeterRegistry registry;
  private final String[] views;
  private final Counter[] counters;
  private final Timer[] timers = new Timer[2];
  private final Counter dropped;
  private final Counter slipped;

  public DnsMetrics(MeterRegistry registry, List<String> viewNames) {
    this.registry = registry;
    this.views = new String[viewNames.size() + 1];
    for (int i = 0; i < viewNames.size(); i++) {
      views[i] = viewNames.get(i);
    }
    views[viewNames.size()] = NO_VIEW;
    this.counters = new Counter[views.length * TYPE_NAMES.length * (Rcodes.TRACKED + 1) * 2];
    for (int p = 0; p < 2; p++) {
      timers[p] = Timer.builder("lanyard.dns.query.duration")
          .description("Time from a query's arrival to its response being handed to the socket")
          .tag("protocol", PROTOCOLS[p])
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(1_000))
          .maximumExpectedValue(Duration.ofSeconds(1))
          .register(registry);
    }
    dropped = Counter.builder("lanyard.dns.rrl.limited").tag("action", "drop")
        .description("UDP responses withheld by response rate limiting").register(registry);
    slipped = Counter.builder("lanyard.dns.rrl.limited").tag("action", "slip")
        .description("UDP responses sent truncated by response rate limiting").register(registry);
  }

  /** Counts one answered query. {@code view} is the view index, or -1 when none was chosen. */
  public void record(int view, int qtype, int rcode, int protocol, long nanos) {
    int v = view < 0 || view >= views.length - 1 ? views.length - 1 : view;
    int t = typeIndex(qtype);
    int r = Math.min(Math.max(rcode, 0), Rcodes.TRACKED);
    int i = ((v * TYPE_NAMES.length + t) * (Rcodes.TRACKED + 1) + r) * 2 + protocol;
    Counter c = counters[i];
    if (c == null) {
      c = Counter.builder("lanyard.dns.queries")
          .description("DNS queries answered, by view, query type, response code and protocol")
          .tag("view", views[v]).tag("qtype", TYPE_NAMES[t]).tag("rcode", Rcodes.name(r))
          .tag("protocol", PROTOCOLS[protocol])
          .register(registry);
      counters[i] = c;
    }
    c.increment();
    timers[protocol].record(nanos, TimeUnit.NANOSECONDS);
  }

  public void rateLimited(RateLimiter.Decision d) {
    (d == RateLimiter.Decision.SLIP ? slipped : dropped).increment();
  }

  /** A gauge read from {@code source} on scrape. */
  public <T> void gauge(String name, String description, List<String> tags, T source, ToDoubleFunction<T> f) {
    io.micrometer.core.instrument.Gauge.builder(name, source, f).description(description).tags(tags.toArray(String[]::new))
        .strongReference(true).register(registry);
  }

  static int typeIndex(int qtype) {
    for (int i = 0; i < TYPE_CODES.length; i++) {
      if (TYPE_CODES[i] == qtype) {
        return i;
      }
    }
    return TYPE_NAMES.length - 1;
  }
}
