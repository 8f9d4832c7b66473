package dev.lanyard.sync;

import static dev.lanyard.sync.testing.States.a;
import static dev.lanyard.sync.testing.States.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Listing;
import dev.lanyard.sync.plan.Planner;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.Provider;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.registry.TxtNameMapper;
import dev.lanyard.sync.registry.TxtRegistry;
import dev.lanyard.sync.testing.States;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduling of one provider's runs, with an in-memory provider whose listing can be held up. */
class ProviderLoopTest {

  /** Keeps records in memory; {@link #list} can be made to wait or fail. */
  static final class MemoryProvider implements Provider {
    volatile Listing listing = new Listing(List.of());
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger applies = new AtomicInteger();
    volatile CountDownLatch listEntered = new CountDownLatch(1);
    volatile CountDownLatch releaseList;
    volatile String failure;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public String type() {
      return "memory";
    }

    @Override
    public Listing list() throws IOException {
      lists.incrementAndGet();
      listEntered.countDown();
      CountDownLatch hold = releaseList;
      if (hold != null) {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failure != null) {
        throw new IOException(failure);
      }
      return listing;
    }

    @Override
    public Optional<Listing> cached() {
      return Optional.of(listing);
    }

    @Override
    public Endpoint adjust(Endpoint desired) {
      return desired;
    }

    @Override
    public ApplyResult apply(List<Change> changes) {
      listing = listing.apply(changes);
      applies.incrementAndGet();
      return new ApplyResult(changes.size(), List.of(), 1);
    }

    @Override
    public void close() {}

    boolean holds(String name, String value) {
      return listing.records().stream().anyMatch(e -> e.name().equals(name) && e.targets().contains(value));
    }
  }

  private final MemoryProvider provider = new MemoryProvider();
  private final AtomicReference<DesiredState> latest = new AtomicReference<>();
  private final ProviderMetrics metrics = new ProviderMetrics("memory", new SimpleMeterRegistry());
  private ProviderLoop loop;

  private ProviderLoop loop() {
    SyncConfig.Provider cfg = new SyncConfig.Provider("memory", SyncConfig.ProviderType.RFC2136, List.of("public"),
        List.of("example.com"), Optional.empty(), Optional.empty(), Optional.empty());
    SyncConfig sync = new SyncConfig("homelab", SyncConfig.Policy.SYNC, "", "", "", Duration.ofMinutes(10),
        Duration.ofMillis(50), false, List.of(cfg));
    loop = new ProviderLoop(provider, cfg, List.of("public"), sync,
        new Planner(new TxtRegistry("homelab", TxtNameMapper.plain()), provider::adjust), metrics, latest::get,
        Clock.systemUTC());
    return loop;
  }

  @AfterEach
  void close() {
    if (loop != null) {
      loop.close();
    }
  }

  private static DesiredState state(String ip) {
    return States.of(view("public", true, a("app.example.com", ip)));
  }

  @Test
  void aChangeArrivingDuringARunIsAppliedAfterIt() throws Exception {
    ProviderLoop l = loop();
    latest.set(state("192.0.2.1"));
    provider.releaseList = new CountDownLatch(1);
    l.start();
    assertThat(provider.listEntered.await(5, TimeUnit.SECONDS)).isTrue();
    latest.set(state("192.0.2.2")); // the running reconcile already read 192.0.2.1
    l.changed();
    provider.releaseList.countDown();
    await().atMost(Duration.ofSeconds(3)).until(() -> provider.holds("app.example.com", "192.0.2.2"));
    assertThat(provider.lists.get()).as("the follow-up run used the cached listing").isEqualTo(1);
  }

  @Test
  void changesWithinTheDebounceAreAppliedTogether() throws Exception {
    ProviderLoop l = loop();
    latest.set(state("192.0.2.1"));
    l.start();
    await().atMost(Duration.ofSeconds(3)).until(() -> provider.holds("app.example.com", "192.0.2.1"));
    int before = provider.applies.get();
    for (int i = 2; i <= 6; i++) {
      latest.set(state("192.0.2." + i));
      l.changed();
    }
    await().atMost(Duration.ofSeconds(3)).until(() -> provider.holds("app.example.com", "192.0.2.6"));
    assertThat(provider.applies.get() - before).isEqualTo(1);
  }

  @Test
  void aFailedRunIsReportedAndCounted() throws Exception {
    ProviderLoop l = loop();
    latest.set(state("192.0.2.1"));
    provider.failure = "zone transfer refused";
    l.start();
    await().atMost(Duration.ofSeconds(3)).until(() -> l.status().lastError().isPresent());
    assertThat(l.status().lastError()).contains("zone transfer refused");
    assertThat(l.status().lastSync()).isEmpty();
    assertThat(metrics.requests()).isEmpty();
  }

  @Test
  void nothingRunsWithoutADesiredState() throws Exception {
    ProviderLoop l = loop();
    l.start();
    Thread.sleep(200);
    assertThat(provider.lists.get()).isZero();
    latest.set(state("192.0.2.1"));
    l.changed();
    await().atMost(Duration.ofSeconds(3)).until(() -> provider.holds("app.example.com", "192.0.2.1"));
  }
}
