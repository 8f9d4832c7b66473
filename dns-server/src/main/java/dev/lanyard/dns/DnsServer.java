package dev.lanyard.dns;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.DnsConfig;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.dns.metrics.DnsMetrics;
import dev.lanyard.dns.net.TcpServer;
import dev.lanyard.dns.net.UdpServer;
import dev.lanyard.dns.query.QueryHandler;
import dev.lanyard.dns.query.SlowPath;
import dev.lanyard.dns.rrl.RateLimiter;
import dev.lanyard.dns.snapshot.ServedZone;
import dev.lanyard.dns.snapshot.Snapshot;
import dev.lanyard.dns.snapshot.SnapshotBuilder;
import dev.lanyard.dns.snapshot.ViewSnapshot;
import dev.lanyard.dns.transfer.NotifySender;
import dev.lanyard.dns.transfer.TsigKeys;
import dev.lanyard.dns.view.ViewSelector;
import dev.lanyard.dns.zone.Journal;
import dev.lanyard.dns.zone.SerialStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lanyard's authoritative, split-horizon DNS server.
 *
 * <p>Construct it with the config, {@link #start()} it, and feed it every new {@link DesiredState}
 * through {@link #update}. Each update builds new immutable per-view zone snapshots in the calling
 * thread and swaps them in through one volatile reference; queries never wait for it. Until a
 * state from synced sources arrives, apex SOA/NS (with glue) and ACME challenges answer, and every
 * other in-zone query gets SERVFAIL, never a false NXDOMAIN. {@link #update} and the challenge
 * publisher may be called from any thread; they are serialized.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final Duration NOTIFY_FIRST_TIMEOUT = Duration.ofSeconds(1);
  private static final int NOTIFY_ATTEMPTS = 5;

  private final LanyardConfig config;
  private final List<HostPort> listeners;
  private final SnapshotBuilder builder;
  private final DnsMetrics metrics;
  private final UdpServer udp;
  private final TcpServer tcp;
  private final NotifySender notifier;
  private final ChallengeOverlay challenges;
  private final QueryHandler handler;
  private final Object lock = new Object();
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private volatile Snapshot snapshot;
  private DesiredState lastState;
  private boolean synced;
  private Set<String> lastWarnings = Set.of();
  private boolean started;

  public DnsServer(LanyardConfig config, MeterRegistry registry) {
    this(config, registry, Clock.systemUTC());
  }

  /** With a clock for serials, for tests. */
  DnsServer(LanyardConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.listeners = config.allListeners();
    DnsConfig dns = config.dns();
    TsigKeys keys = TsigKeys.load(dns.transfer().tsig());
    this.builder = new SnapshotBuilder(config, new SerialStore(dns.serialFile(), clock), Journal.DEFAULT_MAX_DIFFS);
    this.metrics = new DnsMetrics(registry, config.viewNames());
    ViewSelector selector = new ViewSelector(config, listeners);
    RateLimiter rrl = new RateLimiter(dns.rrl(), System::nanoTime);
    SlowPath slow = new SlowPath(this::current, selector, dns.udpPayloadSize(), rrl, metrics, keys,
        dns.transfer().allow());
    this.handler = new QueryHandler(this::current, selector, dns.udpPayloadSize(), rrl, metrics, slow);
    this.udp = new UdpServer(handler, Math.max(1, Runtime.getRuntime().availableProcessors()));
    this.tcp = new TcpServer(handler, dns.tcp().maxConnections(), dns.tcp().idleTimeout());
    this.notifier = new NotifySender(dns.transfer().notifyTargets(), keys.first(), NOTIFY_FIRST_TIMEOUT, NOTIFY_ATTEMPTS);
    this.challenges = new ChallengeOverlay(config, lock, this::rebuildWith);
    this.snapshot = builder.build(null, null, false, Map.of()).snapshot();
    for (int v = 0; v < config.views().size(); v++) {
      int index = v;
      String view = config.views().get(v).name();
      metrics.gauge("lanyard.dns.records", "Records served, SOA included, per view", List.of("view", view), this,
          s -> s.current().view(index).recordCount());
      for (var zone : config.zones()) {
        metrics.gauge("lanyard.dns.zone.serial", "Current SOA serial per view and zone",
            List.of("view", view, "zone", zone.name()), this, s -> s.serial(view, zone.name()));
      }
    }
    if (config.views().stream().anyMatch(v -> !v.trustedForwarders().isEmpty() && v.clients().isEmpty())) {
      log.warn("a view lists trustedForwarders but no clients: EDNS Client Subnet is matched against the same "
          + "view's clients, so that view never matches by ECS");
    }
  }

  /** Binds UDP and TCP on every listener (UDP first; TCP takes the same port) and starts serving. */
  public void start() throws IOException {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("already started");
      }
      started = true;
      try {
        for (int i = 0; i < listeners.size(); i++) {
          bound.add(bindBoth(i, listeners.get(i)));
        }
      } catch (IOException e) {
        close();
        throw e;
      }
      udp.start();
      tcp.start();
      log.info("DNS listening on {} (UDP and TCP), views {}", bound, config.viewNames());
    }
  }

  private InetSocketAddress bindBoth(int index, HostPort listener) throws IOException {
    InetSocketAddress wanted = listener.toSocketAddress();
    for (int attempt = 0; ; attempt++) {
      InetSocketAddress u = udp.bind(index, wanted);
      try {
        tcp.bind(index, u);
        return u;
      } catch (IOException e) {
        udp.release(u);
        if (listener.port() != 0 || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Serves {@code state} from now on. Returns once the new answers are live. */
  public void update(DesiredState state) {
    synchronized (lock) {
      lastState = state;
      if (state.synced() && !synced) {
        synced = true;
        log.info("sources synced: serving zone data (generation {})", state.generation());
      }
      rebuildWith(challenges.snapshot());
    }
  }

  private void rebuildWith(Map<String, Set<String>> challengeValues) {
    SnapshotBuilder.Result r = builder.build(snapshot, lastState, synced, challengeValues);
    snapshot = r.snapshot();
    if (!r.warnings().equals(lastWarnings)) {
      r.warnings().stream().filter(w -> !lastWarnings.contains(w)).forEach(w -> log.warn("{}", w));
      lastWarnings = r.warnings();
    }
    Set<String> zones = new LinkedHashSet<>();
    for (SnapshotBuilder.Change c : r.changes()) {
      log.info("zone {} in view {} now at serial {}", c.zone(), c.view(), c.serial());
      zones.add(c.zone());
    }
    zones.forEach(notifier::notifyZone);
  }

  /** ACME DNS-01 TXT values served in every view, in whatever state is current. */
  public TxtRecordPublisher challenges() {
    return challenges;
  }

  /** The bound UDP addresses (TCP uses the same ones), in {@link LanyardConfig#allListeners()} order. */
  public List<InetSocketAddress> boundAddresses() {
    synchronized (lock) {
      return List.copyOf(bound);
    }
  }

  public boolean listening() {
    return udp.running() && tcp.running();
  }

  /** The zone's current SOA serial: the highest across views (each view has its own). 0 when unknown. */
  public long serial(String zone) {
    long max = 0;
    for (ViewSnapshot v : current().views()) {
      for (ServedZone z : v.zones()) {
        if (z.content().origin().toString(true).equalsIgnoreCase(zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone)) {
          max = Math.max(max, z.content().serial());
        }
      }
    }
    return max;
  }

  /** The serial of {@code zone} in one view; 0 when there is no such view or zone. */
  public long serial(String view, String zone) {
    for (ViewSnapshot v : current().views()) {
      if (v.name().equals(view)) {
        ServedZone z = v.zone(dev.lanyard.dns.zone.ZoneContentBuilder.name(zone));
        return z == null ? 0 : z.content().serial();
      }
    }
    return 0;
  }

  Snapshot current() {
    return snapshot;
  }

  /** The packet handler, for tests that drive it without sockets. */
  QueryHandler handler() {
    return handler;
  }

  @Override
  public void close() {
    udp.close();
    tcp.close();
    notifier.close();
  }
}
