package dev.lanyard.core.pipeline;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.source.Source;
import dev.lanyard.core.source.SourceSnapshot;
import dev.lanyard.core.translate.Translator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources in, {@link DesiredState}s out: gathers the latest snapshot of each source, waits a short
 * debounce, translates on one thread and hands the new immutable state to every subscriber in
 * turn (DNS server, sync, certificates, status). A failing subscriber never stops the others.
 */
public final class StatePipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatePipeline.class);
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(20);

  private final LanyardConfig config;
  private final List<Source> sources;
  private final Duration debounce;
  private final Clock clock;
  private final Map<String, SourceSnapshot> latest = new LinkedHashMap<>();
  private final List<Consumer<DesiredState>> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("state-pipeline").factory());
  private final CountDownLatch synced = new CountDownLatch(1);
  private boolean scheduled;
  private long generation;
  private volatile DesiredState current;

  public StatePipeline(LanyardConfig config, List<Source> sources, Duration debounce, Clock clock) {
    this.config = config;
    this.sources = List.copyOf(sources);
    this.debounce = debounce;
    this.clock = clock;
    for (Source s : sources) {
      latest.put(s.name(), new SourceSnapshot(Inventory.EMPTY,
          new SourceStatus(s.name(), false, List.of(), Optional.empty())));
    }
  }

  public void subscribe(Consumer<DesiredState> subscriber) {
    subscribers.add(subscriber);
  }

  public void start() {
    for (Source s : sources) {
      s.start(snapshot -> accept(s.name(), snapshot));
    }
  }

  /** The latest state, or null before the first translation. */
  public DesiredState current() {
    return current;
  }

  /** Waits until every source has delivered its first full listing and the state was published. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void accept(String source, SourceSnapshot snapshot) {
    latest.put(source, snapshot);
    if (!scheduled) {
      scheduled = true;
      executor.schedule(this::publish, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void publish() {
    List<SourceSnapshot> snapshots;
    long gen;
    synchronized (this) {
      scheduled = false;
      snapshots = new ArrayList<>(latest.values());
      gen = ++generation;
    }
    try {
      Inventory inventory = Inventory.merge(snapshots.stream().map(SourceSnapshot::inventory).toList());
      List<SourceStatus> statuses = snapshots.stream().map(SourceSnapshot::status).toList();
      DesiredState previous = current;
      DesiredState state = Translator.translate(config, inventory, statuses, gen, clock.instant());
      logNewProblems(previous, state);
      current = state;
      for (Consumer<DesiredState> s : subscribers) {
        try {
          s.accept(state);
        } catch (RuntimeException e) {
          log.error("a consumer of the new state failed; the others still got it", e);
        }
      }
      if (state.synced()) {
        if (synced.getCount() > 0) {
          log.info("all sources synced: {} records in {} views", count(state), state.views().size());
        }
        synced.countDown();
      }
    } catch (RuntimeException e) {
      log.error("translating the inventory failed; keeping the previous state", e);
    }
  }

  private static int count(DesiredState s) {
    return s.views().stream().mapToInt(v -> v.records().size()).sum();
  }

  private static void logNewProblems(DesiredState previous, DesiredState state) {
    Set<Problem> seen = previous == null ? Set.of() : new HashSet<>(previous.problems());
    for (SourceStatus s : state.sources()) {
      for (Problem p : s.problems()) {
        if (previous == null || previous.sources().stream().noneMatch(o -> o.problems().contains(p))) {
          log.warn("{}", p);
        }
      }
    }
    for (Problem p : state.problems()) {
      if (!seen.contains(p)) {
        log.warn("{}", p);
      }
    }
  }

  @Override
  public void close() {
    sources.forEach(Source::close);
    executor.shutdownNow();
  }
}
