package dev.lanyard.app.wiring;

import dev.lanyard.core.config.Durations;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.LeaderElectionConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io} Lease with fabric8's LeaderElector. The callbacks
 * run in order on a thread of their own, so a slow start never delays renewing the Lease. When the
 * Lease is lost (not renewed within {@code renewDeadline}, or taken over), this process stops its
 * leader work and joins the election again. {@link #close()} releases the Lease, so another replica
 * takes over soon instead of waiting out {@code leaseDuration} (fabric8 shortens the released Lease to
 * one second; the holder stays named in it).
 *
 * <p>Only one replica leads at a time as long as the replicas' clocks agree to well within
 * {@code leaseDuration - renewDeadline}: a leader that cannot renew stops at {@code renewDeadline},
 * the others may take over only after {@code leaseDuration}. A watchdog enforces the first half
 * itself, because fabric8 checks the deadline only between requests, and a request to an
 * unreachable API server can take far longer than that while the client retries.
 */
public final class LeaseLeadership implements Leadership {
  private static final Logger log = LoggerFactory.getLogger(LeaseLeadership.class);

  private final KubernetesClient client;
  private final LeaderElectionConfig config;
  private final String namespace;
  private final String identity;
  private final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("leadership-callbacks").factory());
  private final AtomicBoolean leading = new AtomicBoolean();
  /** System.nanoTime() when the last successful write of the Lease in our name was sent. */
  private final AtomicLong lastRenewal = new AtomicLong();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("leadership-watchdog").factory());
  private final Object lock = new Object();
  private volatile Optional<String> holder = Optional.empty();
  private Runnable onStart = () -> { };
  private Runnable onStop = () -> { };
  private boolean closed;
  private CompletableFuture<?> round;
  private Thread campaign;

  public LeaseLeadership(KubernetesClient client, LeaderElectionConfig config, String namespace, String identity) {
    this.client = client;
    this.config = config;
    this.namespace = namespace;
    this.identity = identity;
  }

  /**
   * The Leadership the config asks for: a Lease when {@link LanyardConfig#leaderElectionEnabled()}, else
   * this process leads alone.
   *
   * @throws IllegalArgumentException when leader election is on but there is no Kubernetes client
   */
  public static Leadership forConfig(LanyardConfig config, Optional<KubernetesClient> kube,
      Function<String, String> env) {
    if (!config.leaderElectionEnabled()) {
      return Leadership.sole();
    }
    KubernetesClient client = kube.orElseThrow(() -> new IllegalArgumentException(
        "leaderElection is enabled but there is no Kubernetes connection"));
    return new LeaseLeadership(client, config.leaderElection(), namespace(config.leaderElection(), env), identity(env));
  }

  /** {@code leaderElection.namespace}, else the pod's namespace ({@code POD_NAMESPACE}), else {@code default}. */
  static String namespace(LeaderElectionConfig config, Function<String, String> env) {
    return config.namespace().filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.apply("POD_NAMESPACE")).filter(s -> !s.isBlank()))
        .orElse("default");
  }

  /** The pod's name ({@code POD_NAME}), else the host name and the process id. */
  static String identity(Function<String, String> env) {
    String pod = env.apply("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    String host = env.apply("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "unknown-host";
      }
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  @Override
  public void run(Runnable start, Runnable stop) {
    synchronized (lock) {
      if (campaign != null || closed) {
        throw new IllegalStateException("leader election already ran");
      }
      this.onStart = start;
      this.onStop = stop;
      log.info("leader election: {} competes for the Lease {}/{} (duration {}, renew deadline {}, retry {})",
          identity, namespace, config.leaseName(), Durations.format(config.leaseDuration()),
          Durations.format(config.renewDeadline()), Durations.format(config.retryPeriod()));
      campaign = Thread.ofVirtual().name("leader-election").start(this::campaign);
      long period = Math.max(50, Math.min(config.retryPeriod().toMillis(), config.renewDeadline().toMillis() / 4));
      watchdog.scheduleWithFixedDelay(this::checkRenewal, period, period, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops leading once the Lease has not been renewed for {@code renewDeadline}, however the requests fare. */
  private void checkRenewal() {
    long silent = System.nanoTime() - lastRenewal.get();
    if (leading.get() && silent > config.renewDeadline().toNanos()) {
      log.warn("leader election: {} could not renew the Lease {}/{} for {} ms (renewDeadline {} ms); stopping the "
          + "leader work before another replica may take over", identity, namespace, config.leaseName(),
          TimeUnit.NANOSECONDS.toMillis(silent), config.renewDeadline().toMillis());
      stopped();
    }
  }

  /** One election round after another until closed: a round ends when this process loses the Lease. */
  private void campaign() {
    while (true) {
      CompletableFuture<?> r;
      synchronized (lock) {
        if (closed) {
          return;
        }
        r = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
            .withName("lanyard")
            .withLock(new RenewalTracking(new LeaseLock(namespace, config.leaseName(), identity), lastRenewal))
            .withLeaseDuration(config.leaseDuration())
            .withRenewDeadline(config.renewDeadline())
            .withRetryPeriod(config.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
            .build()).build().start();
        round = r;
      }
      try {
        r.get();
      } catch (CancellationException | ExecutionException e) {
        // the round ended: lost the Lease, or closed
      } catch (InterruptedException e) {
        return;
      }
      stopped();
      synchronized (lock) {
        if (closed) {
          return;
        }
      }
      log.info("leader election: {} joins the election for {}/{} again", identity, namespace, config.leaseName());
      try {
        Thread.sleep(config.retryPeriod().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void started() {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    if (leading.compareAndSet(false, true)) {
      log.info("leader election: {} now holds the Lease {}/{}", identity, namespace, config.leaseName());
      callbacks.execute(onStart);
    }
  }

  private void stopped() {
    if (leading.compareAndSet(true, false)) {
      log.warn("leader election: {} no longer holds the Lease {}/{}", identity, namespace, config.leaseName());
      callbacks.execute(onStop);
      // fabric8 may not end the round by itself (for example when the API is down as it gives up);
      // ending it here lets the campaign join the next round.
      CompletableFuture<?> r;
      synchronized (lock) {
        r = round;
      }
      if (r != null && !r.isDone()) {
        Thread.ofVirtual().start(() -> r.cancel(true));
      }
    }
  }

  private void newLeader(String who) {
    holder = Optional.ofNullable(who).filter(s -> !s.isBlank());
    if (holder.isPresent() && !holder.get().equals(identity)) {
      log.info("leader election: the Lease {}/{} is held by {}", namespace, config.leaseName(), who);
    }
  }

  @Override
  public boolean isLeader() {
    return leading.get();
  }

  @Override
  public Status status() {
    return new Status(leading.get(), Optional.of(namespace + "/" + config.leaseName()), identity,
        leading.get() ? Optional.of(identity) : holder);
  }

  public String identity() {
    return identity;
  }

  @Override
  public void close() {
    CompletableFuture<?> r;
    Thread c;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      r = round;
      c = campaign;
    }
    if (r != null) {
      r.cancel(true); // releases the Lease if held, and calls onStopLeading
    }
    stopped();
    watchdog.shutdownNow();
    if (c != null) {
      c.interrupt();
      try {
        c.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    callbacks.shutdown();
    try {
      if (!callbacks.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("leader election: the leader work did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Notes when a write of the Lease in this process's name succeeded, timed from when it was sent. */
  private record RenewalTracking(Lock lock, AtomicLong lastRenewal) implements Lock {
    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      return lock.get(client);
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
      long sent = System.nanoTime();
      lock.create(client, record);
      noteIfOurs(record, sent);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
      long sent = System.nanoTime();
      lock.update(client, record);
      noteIfOurs(record, sent);
    }

    private void noteIfOurs(LeaderElectionRecord record, long sent) {
      if (identity().equals(record.getHolderIdentity())) {
        lastRenewal.set(sent);
      }
    }

    @Override
    public String identity() {
      return lock.identity();
    }

    @Override
    public String describe() {
      return lock.describe();
    }
  }
}
