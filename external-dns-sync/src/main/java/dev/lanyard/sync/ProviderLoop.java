package dev.lanyard.sync;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.sync.plan.Listing;
import dev.lanyard.sync.plan.Plan;
import dev.lanyard.sync.plan.Planner;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.Provider;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.RateLimitedException;
import dev.lanyard.sync.source.DesiredRecords;
import dev.lanyard.sync.source.ProviderRecords;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's sync: a debounced incremental run after each change (planned against the cached
 * listing, so it costs writes only), a full reconcile against a fresh listing on start and every
 * interval, and a postponed run when the request budget or a 429 says wait. Runs happen on the
 * loop's own (virtual) thread; the CLI paths run on the caller's thread. A lock keeps them apart.
 */
final class ProviderLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderLoop.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);

  enum Mode { FULL, INCREMENTAL }

  private final Provider provider;
  private final SyncConfig.Provider config;
  private final List<String> views;
  private final SyncConfig.Policy policy;
  private final boolean adoptUnowned;
  private final Duration interval;
  private final Duration debounce;
  private final Planner planner;
  private final ProviderMetrics metrics;
  private final Supplier<DesiredState> latest;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final ReentrantLock lock = new ReentrantLock();

  private volatile boolean leading;
  /** The next one-off run (debounced change, start, retry); null when none is waiting to start. */
  private ScheduledFuture<?> pending;
  private ScheduledFuture<?> periodic;
  private Duration backoff = FIRST_BACKOFF;

  private volatile ProviderPlan lastPlan;
  /** The last plan that changed something, and when; read and written as one. */
  private record Applied(ProviderPlan plan, Instant at) {}

  private volatile Applied lastApplied;
  private volatile Instant lastSync;
  private volatile String lastError;

  ProviderLoop(Provider provider, SyncConfig.Provider config, List<String> views, SyncConfig sync, Planner planner,
      ProviderMetrics metrics, Supplier<DesiredState> latest, Clock clock) {
    this.provider = provider;
    this.config = config;
    this.views = List.copyOf(views);
    this.policy = sync.policyOf(config);
    this.adoptUnowned = sync.adoptUnowned();
    this.interval = sync.interval();
    this.debounce = sync.debounce();
    this.planner = planner;
    this.metrics = metrics;
    this.latest = latest;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lanyard-sync-" + config.name()).factory());
  }

  Provider provider() {
    return provider;
  }

  String name() {
    return config.name();
  }

  /** This replica leads: a full reconcile now, then every interval. */
  synchronized void start() {
    if (leading) {
      return;
    }
    leading = true;
    schedule(Mode.FULL, Duration.ZERO);
    periodic = executor.scheduleWithFixedDelay(() -> run(Mode.FULL), interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Leadership lost: nothing more is applied; the cached listing and status stay. */
  synchronized void stop() {
    leading = false;
    cancelPending();
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
  }

  /**
   * The desired state changed: plan and apply after the debounce, unless a run that has not started
   * yet is waiting (it reads the latest state when it starts). A change during a run schedules the
   * next one.
   */
  synchronized void changed() {
    if (leading && pending == null) {
      schedule(Mode.INCREMENTAL, debounce);
    }
  }

  ProviderStatus status() {
    ProviderPlan p = lastPlan;
    Applied applied = lastApplied;
    return new ProviderStatus(config.name(), provider.type(), leading, p == null ? List.of() : p.lines(),
        applied == null ? List.of() : applied.plan().lines(), Optional.ofNullable(applied).map(Applied::at),
        Optional.ofNullable(lastSync), Optional.ofNullable(lastError), metrics.requests(), metrics.rateLimitWaits(),
        p == null ? List.of() : p.plan().conflicts().stream().map(Object::toString).toList());
  }

  /** A plan against a fresh listing, applied nowhere ({@code lanyard plan}). */
  ProviderPlan plan(DesiredState state) throws IOException {
    lock.lock();
    try {
      return plan(state, provider.list());
    } finally {
      lock.unlock();
    }
  }

  /** One full reconcile on the caller's thread ({@code lanyard sync --once}). */
  SyncResult.Outcome syncOnce(DesiredState state) {
    lock.lock();
    try {
      return reconcile(state, Mode.FULL);
    } catch (IOException | RuntimeException e) {
      if (e instanceof RateLimitedException) {
        metrics.rateLimitWait();
      } else {
        metrics.error();
      }
      lastError = message(e);
      return new SyncResult.Outcome(config.name(), Optional.ofNullable(lastPlan), 0, List.of(), Optional.of(message(e)));
    } finally {
      lock.unlock();
    }
  }

  private void runPending(Mode mode) {
    synchronized (this) {
      pending = null; // from here on, a change needs a run of its own
    }
    run(mode);
  }

  private void run(Mode mode) {
    if (!leading) {
      return;
    }
    DesiredState state = latest.get();
    if (state == null) {
      return; // nothing desired yet: the first update() triggers a run
    }
    lock.lock();
    try {
      SyncResult.Outcome o = reconcile(state, mode);
      backoff = FIRST_BACKOFF;
      if (!o.failures().isEmpty()) {
        LOG.warn("provider {}: {} of the planned changes were refused; the next full reconcile retries them",
            config.name(), o.failures().size());
      }
    } catch (RateLimitedException e) {
      metrics.rateLimitWait();
      lastError = e.getMessage();
      Duration wait = e.retryAfter().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : e.retryAfter();
      LOG.warn("provider {}: {}; run postponed by {}s", config.name(), e.getMessage(), wait.toSeconds());
      retry(mode, wait);
    } catch (IOException | RuntimeException e) {
      metrics.error();
      lastError = message(e);
      LOG.warn("provider {}: sync failed: {}; retrying in {}s", config.name(), message(e), backoff.toSeconds());
      retry(Mode.FULL, backoff);
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(interval) > 0 ? interval : doubled;
    } finally {
      lock.unlock();
    }
  }

  private synchronized void retry(Mode mode, Duration delay) {
    if (leading) {
      schedule(mode, delay);
    }
  }

  /** Replaces the waiting one-off run, if any. */
  private synchronized void schedule(Mode mode, Duration delay) {
    cancelPending();
    pending = executor.schedule(() -> runPending(mode), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private SyncResult.Outcome reconcile(DesiredState state, Mode mode) throws IOException {
    Optional<Listing> cached = mode == Mode.INCREMENTAL ? provider.cached() : Optional.empty();
    Listing listing = cached.isPresent() ? cached.get() : provider.list();
    ProviderPlan plan = plan(state, listing);
    if (plan.plan().isEmpty()) {
      markSuccess();
      return new SyncResult.Outcome(config.name(), Optional.of(plan), 0, List.of(), Optional.empty());
    }
    Plan p = plan.plan();
    LOG.info("provider {}: applying {} creates, {} updates, {} deletes", config.name(), p.creates().size(),
        p.updates().size(), p.deletes().size());
    if (LOG.isDebugEnabled()) {
      LOG.debug("provider {}: {}", config.name(), plan.render().strip());
    }
    ApplyResult r = provider.apply(p.changes());
    if (r.applied() > 0) {
      lastApplied = new Applied(plan, clock.instant());
    }
    LOG.info("provider {}: applied {} of {} changes with {} request{}", config.name(), r.applied(),
        p.changes().size(), r.requests(), r.requests() == 1 ? "" : "s");
    if (r.ok()) {
      markSuccess();
    } else {
      lastError = r.failures().get(0) + (r.failures().size() > 1 ? " (and " + (r.failures().size() - 1) + " more)" : "");
    }
    return new SyncResult.Outcome(config.name(), Optional.of(plan), r.applied(), r.failures(), Optional.empty());
  }

  private ProviderPlan plan(DesiredState state, Listing listing) {
    ProviderRecords desired = DesiredRecords.forProvider(state, views, config.zones());
    Plan p = planner.plan(desired.endpoints(), listing.records(),
        new Planner.Options(policy, adoptUnowned, config.zones(), DesiredRecords.deletesWithheld(state)));
    ProviderPlan plan = new ProviderPlan(config.name(), provider.type(), config.zones(),
        policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), p, desired.notes());
    ProviderPlan previous = lastPlan;
    if (previous == null || !previous.plan().conflicts().equals(p.conflicts()) || !previous.notes().equals(desired.notes())) {
      p.conflicts().forEach(c -> LOG.warn("provider {}: conflict: {}", config.name(), c));
      desired.notes().forEach(n -> LOG.warn("provider {}: view conflict: {}", config.name(), n));
    }
    plan.plan().deletesWithheld().ifPresent(w -> LOG.info("provider {}: deletes withheld: {}", config.name(), w));
    lastPlan = plan;
    return plan;
  }

  private void markSuccess() {
    Instant now = clock.instant();
    lastSync = now;
    lastError = null;
    metrics.success(now);
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    stop();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    provider.close();
  }
}
