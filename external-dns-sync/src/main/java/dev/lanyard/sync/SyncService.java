package dev.lanyard.sync;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.sync.plan.Planner;
import dev.lanyard.sync.provider.Provider;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.cloudflare.CloudflareProvider;
import dev.lanyard.sync.provider.cloudflare.CloudflareTxtPublisher;
import dev.lanyard.sync.provider.rfc2136.Rfc2136Provider;
import dev.lanyard.sync.provider.rfc2136.Rfc2136TxtPublisher;
import dev.lanyard.sync.registry.TxtNameMapper;
import dev.lanyard.sync.registry.TxtRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Provider sync, as the app wires it: {@link #update} from the pipeline thread on every new desired
 * state (returns at once), {@link #start}/{@link #stop} on leadership changes, {@link #plan} and
 * {@link #syncOnce} for the CLI. Each provider runs on its own virtual thread.
 */
public final class SyncService implements AutoCloseable {
  private static final Duration PUBLISHER_MAX_WAIT = Duration.ofMinutes(2);

  private final List<ProviderLoop> loops;
  private final AtomicReference<DesiredState> latest = new AtomicReference<>();
  private final Map<String, TxtRecordPublisher> publishers = new ConcurrentHashMap<>();

  /**
   * Builds every provider of {@code config.sync()}; reads tokens and TSIG secrets now.
   *
   * @throws IllegalArgumentException when a provider cannot be built (no token, unreadable secret)
   */
  public SyncService(LanyardConfig config, MeterRegistry registry) {
    this(config, registry, System::getenv, Clock.systemUTC());
  }

  /** As {@link #SyncService(LanyardConfig, MeterRegistry)}, with the environment and clock given. */
  public SyncService(LanyardConfig config, MeterRegistry registry, Function<String, String> env, Clock clock) {
    SyncConfig sync = config.sync();
    TxtRegistry txtRegistry = new TxtRegistry(sync.owner(),
        new TxtNameMapper(sync.txtPrefix(), sync.txtSuffix(), sync.txtWildcardReplacement()));
    List<ProviderLoop> built = new ArrayList<>();
    try {
      for (SyncConfig.Provider p : sync.providers()) {
        ProviderMetrics metrics = new ProviderMetrics(p.name(), registry);
        Provider provider = switch (p.type()) {
          case CLOUDFLARE -> CloudflareProvider.create(p, env, metrics, clock);
          case RFC2136 -> Rfc2136Provider.create(p, metrics);
        };
        built.add(new ProviderLoop(provider, p, config.providerViews(p), sync, new Planner(txtRegistry, provider::adjust),
            metrics, latest::get, clock));
      }
    } catch (RuntimeException e) {
      built.forEach(ProviderLoop::close);
      throw e;
    }
    this.loops = List.copyOf(built);
  }

  /** Remembers the latest desired state; when leading, plans and applies it after the debounce. */
  public void update(DesiredState state) {
    latest.set(state);
    loops.forEach(ProviderLoop::changed);
  }

  /** This replica leads: a full reconcile now, then one every {@code sync.interval}. */
  public void start() {
    loops.forEach(ProviderLoop::start);
  }

  /** Leadership lost: cancels pending runs and timers; keeps caches and status. */
  public void stop() {
    loops.forEach(ProviderLoop::stop);
  }

  public List<ProviderStatus> status() {
    return loops.stream().map(ProviderLoop::status).toList();
  }

  /** Lists every provider afresh and plans {@code state}, applying nothing ({@code lanyard plan}). */
  public List<ProviderPlan> plan(DesiredState state) throws IOException {
    List<ProviderPlan> out = new ArrayList<>();
    for (ProviderLoop l : loops) {
      out.add(l.plan(state));
    }
    return out;
  }

  /** One full reconcile of every provider, on the caller's thread ({@code lanyard sync --once}). */
  public SyncResult syncOnce(DesiredState state) {
    latest.set(state);
    return new SyncResult(loops.stream().map(l -> l.syncOnce(state)).toList());
  }

  /** A TXT publisher for ACME DNS-01 backed by the named provider, sharing its client and budget. */
  public Optional<TxtRecordPublisher> txtPublisher(String providerName) {
    return loops.stream().filter(l -> l.name().equals(providerName)).findFirst()
        .map(l -> publishers.computeIfAbsent(providerName, n -> publisherFor(l.provider())));
  }

  private static TxtRecordPublisher publisherFor(Provider p) {
    return switch (p) {
      case CloudflareProvider cf -> new CloudflareTxtPublisher(cf.client(), PUBLISHER_MAX_WAIT);
      case Rfc2136Provider r -> Rfc2136TxtPublisher.forProvider(r.client(), r.zones());
      default -> throw new IllegalStateException("no TXT publisher for provider type " + p.type());
    };
  }

  @Override
  public void close() {
    loops.forEach(ProviderLoop::close);
  }
}
