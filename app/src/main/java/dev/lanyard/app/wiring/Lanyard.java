package dev.lanyard.app.wiring;

import dev.lanyard.app.http.HttpEndpoints;
import dev.lanyard.app.http.Readiness;
import dev.lanyard.app.http.StatusSnapshot;
import dev.lanyard.app.metrics.ServiceMetrics;
import dev.lanyard.certificates.CertificateLifecycle;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.ZoneConfig;
import dev.lanyard.core.pipeline.StatePipeline;
import dev.lanyard.core.source.KubernetesClients;
import dev.lanyard.core.source.Source;
import dev.lanyard.dns.DnsServer;
import dev.lanyard.sync.SyncService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: sources feed the state pipeline, whose states go to the DNS server (every
 * replica), provider sync and the certificate lifecycle (the leader only). The HTTP endpoints
 * (health, readiness, metrics, status page) run on every replica.
 */
public final class Lanyard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lanyard.class);

  private final LanyardConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry registry;
  private final Optional<KubernetesClient> kube;
  private final DnsServer dns;
  private final SyncService sync;
  private final CertificateLifecycle certificates;
  private final List<String> sourceNames;
  private final StatePipeline pipeline;
  private final ServiceMetrics metrics;
  private final Leadership leadership;
  private volatile HttpEndpoints http;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private Lanyard(LanyardConfig config, Clock clock, Function<Lanyard, Leadership> leadership) throws IOException {
    this.config = config;
    this.clock = clock;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.kube = config.needsKubernetesClient()
        ? Optional.of(KubernetesClients.create(config.sources().kubernetes())) : Optional.empty();
    this.dns = new DnsServer(config, registry);
    this.sync = new SyncService(config, registry);
    this.certificates = new CertificateLifecycle(config.certificates(),
        Issuers.build(config, Optional.of(dns.challenges()), Optional.of(sync), kube, clock), kube, registry, clock);
    List<Source> sources = Inventories.sources(config, kube, clock);
    this.sourceNames = sources.stream().map(Source::name).toList();
    this.pipeline = new StatePipeline(config, sources, StatePipeline.DEFAULT_DEBOUNCE, clock);
    pipeline.subscribe(dns::update);
    pipeline.subscribe(sync::update);
    pipeline.subscribe(certificates::update);
    this.leadership = leadership.apply(this);
    this.metrics = new ServiceMetrics(registry, sourceNames, pipeline::current, () -> readiness().ready(),
        this.leadership::isLeader);
  }

  /**
   * Starts the HTTP endpoints (so that probes get answers during start-up), binds the DNS listeners,
   * starts the sources, and joins leader election (or leads alone).
   */
  public static Lanyard start(LanyardConfig config, Function<Lanyard, Leadership> leadership) throws IOException {
    Lanyard l = new Lanyard(config, Clock.systemUTC(), leadership);
    try {
      if (config.http().listen().isPresent()) {
        l.http = HttpEndpoints.start(config.http().listen().get(), l::status, l.registry::scrape);
      }
      l.dns.start();
      log.info("DNS listening on {}", l.dns.boundAddresses());
      l.pipeline.start();
      l.leadership.run(l::lead, l::follow);
      return l;
    } catch (IOException | RuntimeException e) {
      l.close();
      throw e;
    }
  }

  private void lead() {
    log.info("leading: provider sync and certificate work start here");
    sync.start();
    certificates.start();
  }

  private void follow() {
    log.info("no longer leading: provider sync and certificate work stop here");
    sync.stop();
    certificates.stop();
  }

  public LanyardConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Optional<KubernetesClient> kube() {
    return kube;
  }

  public DnsServer dns() {
    return dns;
  }

  public SyncService sync() {
    return sync;
  }

  public CertificateLifecycle certificates() {
    return certificates;
  }

  public StatePipeline pipeline() {
    return pipeline;
  }

  public Leadership leadership() {
    return leadership;
  }

  /** Where the HTTP endpoints listen; empty when {@code http.listen} turns them off. */
  public Optional<InetSocketAddress> httpAddress() {
    HttpEndpoints h = http;
    return h == null ? Optional.empty() : Optional.of(h.address());
  }

  /** What the status page and {@code /readyz} report, gathered now. */
  public StatusSnapshot status() {
    return new StatusSnapshot(clock.instant(), config.zones().stream().map(ZoneConfig::name).toList(), config.viewNames(),
        sourceNames, Optional.ofNullable(pipeline.current()), dns.listening(),
        dns.boundAddresses().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList(),
        leadership.status(), sync.status(), certificates.status());
  }

  public Readiness readiness() {
    return Readiness.of(status());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (leadership != null) {
      leadership.close();
    }
    HttpEndpoints h = http;
    if (h != null) {
      h.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    pipeline.close();
    certificates.close();
    sync.close();
    dns.close();
    kube.ifPresent(KubernetesClient::close);
  }
}
