package dev.lanyard.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.config.LeaderElectionConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two candidates for one Lease on fabric8's CRUD mock API server: exactly one leads; when it stops
 * (gracefully, or cut off from the API) the other takes over, and their leader work never overlaps.
 */
class LeaseLeadershipTest {
  static final Duration LEASE = Duration.ofSeconds(3);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
  static final Duration RETRY = Duration.ofMillis(300);
  static final LeaderElectionConfig CONFIG = new LeaderElectionConfig(Optional.of(true), Optional.empty(), "lanyard",
      LEASE, RENEW_DEADLINE, RETRY);

  KubernetesMockServer server;
  final List<AutoCloseable> closing = new ArrayList<>();
  /** Every start and stop of leader work, in the order they happened. */
  final List<String> events = new ArrayList<>();

  @BeforeEach
  void startApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    server.destroy();
  }

  /** One replica: its leader work is a start and a stop that the test counts. */
  final class Candidate {
    final String name;
    final LeaseLeadership leadership;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    volatile long stoppedAt;

    Candidate(String name, KubernetesClient client) {
      this.name = name;
      this.leadership = new LeaseLeadership(client, CONFIG, "dns", name);
      closing.add(leadership);
    }

    void run() {
      leadership.run(() -> {
        starts.incrementAndGet();
        event(name + " start");
      }, () -> {
        stoppedAt = System.nanoTime();
        stops.incrementAndGet();
        event(name + " stop");
      });
    }

    boolean working() {
      return starts.get() > stops.get();
    }
  }

  private synchronized void event(String e) {
    events.add(e);
  }

  private synchronized List<String> events() {
    return List.copyOf(events);
  }

  private KubernetesClient client(int port) {
    KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + port).withNamespace("dns").withRequestTimeout(5_000).build()).build();
    closing.add(c);
    return c;
  }

  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWithinTheLeaseDurationWhenItStops() throws Exception {
    Candidate a = new Candidate("lanyard-a", client(server.getPort()));
    Candidate b = new Candidate("lanyard-b", client(server.getPort()));
    a.run();
    b.run();
    await().atMost(Duration.ofSeconds(10)).until(() -> a.working() || b.working());
    Candidate leader = a.working() ? a : b;
    Candidate standby = leader == a ? b : a;

    long until = System.nanoTime() + LEASE.toNanos();
    while (System.nanoTime() < until) {
      assertThat(a.working() && b.working()).as("both lead at once: %s", events()).isFalse();
      assertThat(leader.leadership.isLeader()).as("%s kept the Lease through its renewals", leader.name).isTrue();
      Thread.sleep(20);
    }
    assertThat(standby.starts).as("the standby never started leader work").hasValue(0);
    assertThat(holder()).isEqualTo(leader.name);
    assertThat(standby.leadership.status().holder()).hasValue(leader.name);

    long stoppedAt = System.nanoTime();
    leader.leadership.close();
    assertThat(leader.stops).as("close() returns after the leader work stopped").hasValue(1);
    await().atMost(LEASE).until(standby::working);
    Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);

    assertThat(holder()).isEqualTo(standby.name);
    assertThat(events()).containsExactly(leader.name + " start", leader.name + " stop", standby.name + " start");
    System.out.printf("leader election: %s led, %s stood by; after %s stopped, %s took over in %d ms "
        + "(lease duration %d ms); leader work never overlapped%n", leader.name, standby.name, leader.name,
        standby.name, takeover.toMillis(), LEASE.toMillis());
  }

  @Test
  void aLeaderCutOffFromTheApiStopsBeforeTheOtherTakesOver() throws Exception {
    CuttableProxy link = new CuttableProxy(server.getPort());
    closing.add(link);
    Candidate a = new Candidate("lanyard-a", client(link.port()));
    Candidate b = new Candidate("lanyard-b", client(server.getPort()));
    a.run();
    await().atMost(Duration.ofSeconds(10)).until(a::working);
    b.run();
    Thread.sleep(RETRY.multipliedBy(3).toMillis());
    assertThat(b.working()).isFalse();

    long cutAt = System.nanoTime();
    link.cut();
    await().atMost(LEASE.plus(RETRY.multipliedBy(4))).until(b::working);
    Duration takeover = Duration.ofNanos(System.nanoTime() - cutAt);

    assertThat(a.stops).as("lanyard-a stopped on its own: it could not renew").hasValue(1);
    Duration stoppedAfter = Duration.ofNanos(a.stoppedAt - cutAt);
    assertThat(stoppedAfter).as("lanyard-a stopped about renewDeadline after its last renewal, before the cut")
        .isLessThanOrEqualTo(RENEW_DEADLINE.plus(RETRY.multipliedBy(2)));
    assertThat(events()).as("lanyard-a stopped before lanyard-b started")
        .containsExactly("lanyard-a start", "lanyard-a stop", "lanyard-b start");
    assertThat(holder()).isEqualTo("lanyard-b");
    System.out.printf("leader election: lanyard-a, cut off from the API, stopped its leader work %d ms after the cut "
        + "(renew deadline %d ms); lanyard-b took over %d ms after the cut (lease duration %d ms after the last renewal); "
        + "no overlap%n", stoppedAfter.toMillis(), RENEW_DEADLINE.toMillis(), takeover.toMillis(), LEASE.toMillis());
  }

  @Test
  void identityAndNamespaceComeFromThePodOrTheHost() {
    Map<String, String> pod = Map.of("POD_NAME", "lanyard-7d9f-x2x", "POD_NAMESPACE", "network", "HOSTNAME", "ignored");
    assertThat(LeaseLeadership.identity(pod::get)).isEqualTo("lanyard-7d9f-x2x");
    assertThat(LeaseLeadership.namespace(CONFIG, pod::get)).isEqualTo("network");
    assertThat(LeaseLeadership.namespace(new LeaderElectionConfig(Optional.empty(), Optional.of("leases"), "x", LEASE,
        RENEW_DEADLINE, RETRY), pod::get)).as("the config wins").isEqualTo("leases");

    Map<String, String> host = Map.of("HOSTNAME", "nas");
    assertThat(LeaseLeadership.identity(host::get)).isEqualTo("nas-" + ProcessHandle.current().pid());
    assertThat(LeaseLeadership.namespace(CONFIG, host::get)).isEqualTo("default");
  }

  private String holder() {
    Lease lease = server.createClient().leases().inNamespace("dns").withName("lanyard").get();
    return lease.getSpec().getHolderIdentity();
  }
}
