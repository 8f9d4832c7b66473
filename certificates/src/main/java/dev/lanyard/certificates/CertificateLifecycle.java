package dev.lanyard.certificates;

import dev.lanyard.certificates.lifecycle.Outcome;
import dev.lanyard.certificates.lifecycle.Reconciler;
import dev.lanyard.certificates.schedule.Backoff;
import dev.lanyard.certificates.schedule.RenewalScheduler;
import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.certificates.store.StoredCertificate;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.model.DesiredState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every requested certificate issued, stored and renewed.
 *
 * <p>{@link #update} takes the current requests (from the pipeline thread; it only records them and
 * plans work). While leading ({@link #start}), a Quartz scheduler with its own two threads runs each
 * certificate when it is new, changed, due, or its backoff has passed. {@link #issueNow} does the same
 * work synchronously on the caller's thread, for {@code lanyard certs issue}. Runs for one
 * certificate never overlap.
 */
public final class CertificateLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CertificateLifecycle.class);
  private static final int THREADS = 2;
  /**
   * A certificate that is fine is looked at again at least this often: a Secret deleted by hand is
   * written back, and the issuer is asked again for its suggested renewal time (ARI).
   */
  private static final java.time.Duration RECHECK = java.time.Duration.ofHours(6);

  private final Reconciler reconciler;
  private final Backoff backoff;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final Object control = new Object();
  private volatile boolean leading;
  private boolean closed;
  private RenewalScheduler scheduler;

  public CertificateLifecycle(CertificatesConfig config, Map<String, Issuer> issuers, Optional<KubernetesClient> kube,
      MeterRegistry registry, Clock clock) {
    this.reconciler = new Reconciler(issuers, kube, clock);
    this.backoff = new Backoff(config.backoff().initial(), config.backoff().max());
    this.registry = registry;
    this.clock = clock;
  }

  /** Takes the requests of a new desired state; returns at once. */
  public void update(DesiredState state) {
    Map<String, CertificateRequest> wanted = new LinkedHashMap<>();
    for (CertificateRequest r : state.certificates()) {
      if (wanted.putIfAbsent(r.name(), r) != null) {
        log.warn("Certificate {} is requested twice ({} and {}); using the first", r.name(), wanted.get(r.name()).origin(), r.origin());
      }
    }
    synchronized (control) {
      for (String name : List.copyOf(tracked.keySet())) {
        if (!wanted.containsKey(name)) {
          Tracked t = tracked.remove(name);
          registry.remove(t.gauge);
          if (scheduler != null) {
            scheduler.cancel(name);
          }
          log.info("Certificate {} is no longer requested; its stores are left as they are", name);
        }
      }
      for (CertificateRequest r : wanted.values()) {
        Tracked t = tracked.computeIfAbsent(r.name(), this::track);
        if (r.equals(t.request)) {
          continue;
        }
        boolean changed = t.request != null;
        t.request = r;
        Optional<String> unknown = reconciler.unknownIssuer(r);
        if (unknown.isPresent()) {
          t.snapshot = t.snapshot.withError(unknown.get());
          log.error("Certificate {}: {}", r.name(), unknown.get());
          if (scheduler != null) {
            scheduler.cancel(r.name());
          }
          continue;
        }
        if (changed) {
          log.info("Certificate {} changed; checking it again", r.name());
        }
        if (leading) {
          scheduler.at(r.name(), clock.instant());
        }
      }
    }
  }

  /** Leader: check every certificate now, then keep renewing on schedule. */
  public void start() {
    synchronized (control) {
      if (closed) {
        throw new IllegalStateException("the certificate lifecycle is closed");
      }
      if (scheduler == null) {
        scheduler = new RenewalScheduler(this::runScheduled, THREADS);
        scheduler.start();
      }
      leading = true;
      Instant now = clock.instant();
      for (Tracked t : tracked.values()) {
        if (t.request != null && reconciler.unknownIssuer(t.request).isEmpty()) {
          scheduler.at(t.name, now);
        }
      }
      log.info("Certificate lifecycle started: {} certificate(s) known so far; those of Gateways and Certificate "
          + "resources join as the sources sync", tracked.size());
    }
  }

  /** Leadership lost: nothing more is scheduled; what is known stays for {@link #status}. */
  public void stop() {
    synchronized (control) {
      leading = false;
      if (scheduler != null) {
        scheduler.cancelAll();
      }
    }
  }

  public List<CertificateStatus> status() {
    return tracked.values().stream()
        .filter(t -> t.request != null)
        .sorted(Comparator.comparing(t -> t.name))
        .map(Tracked::status)
        .toList();
  }

  /**
   * Reads every store and reports what is there and what a run would do, on the calling thread,
   * without issuing or writing anything: for {@code lanyard certs list}.
   */
  public List<CertificateStatus> inspect() {
    List<CertificateStatus> out = new ArrayList<>();
    for (Tracked t : tracked.values().stream().sorted(Comparator.comparing(t -> t.name)).toList()) {
      t.lock.lock();
      try {
        CertificateRequest request = t.request;
        if (request != null) {
          t.snapshot = t.snapshot.inspected(reconciler.inspect(request));
          out.add(t.status());
        }
      } finally {
        t.lock.unlock();
      }
    }
    return out;
  }

  /**
   * Issues what is missing or due (all, or the named certificate), on the calling thread, and
   * returns their status. With {@code force}, issues even certificates that are fine.
   *
   * @throws IllegalArgumentException when no certificate has that name
   */
  public List<CertificateStatus> issueNow(Optional<String> name, boolean force) {
    List<Tracked> targets = new ArrayList<>();
    if (name.isPresent()) {
      Tracked t = tracked.get(name.get());
      if (t == null || t.request == null) {
        throw new IllegalArgumentException("no certificate named \"" + name.get() + "\" (known: "
            + String.join(", ", tracked.keySet().stream().sorted().toList()) + ")");
      }
      targets.add(t);
    } else {
      tracked.values().stream().sorted(Comparator.comparing(t -> t.name)).forEach(targets::add);
    }
    List<CertificateStatus> out = new ArrayList<>();
    for (Tracked t : targets) {
      run(t, force);
      out.add(t.status());
    }
    return out;
  }

  @Override
  public void close() {
    RenewalScheduler s;
    synchronized (control) {
      closed = true;
      leading = false;
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.close();
    }
    tracked.values().forEach(t -> registry.remove(t.gauge));
  }

  private void runScheduled(String name) {
    Tracked t = tracked.get(name);
    if (leading && t != null) {
      run(t, false);
    }
  }

  private void run(Tracked t, boolean force) {
    t.lock.lock();
    try {
      CertificateRequest request = t.request;
      if (request == null) {
        return;
      }
      Outcome outcome = reconciler.reconcile(request, force);
      Instant now = clock.instant();
      Snapshot next = t.snapshot.after(outcome, now, backoff);
      t.snapshot = next;
      record(request.name(), outcome);
      synchronized (control) {
        if (leading && scheduler != null && tracked.get(t.name) == t) {
          Optional<Instant> when = next.retryAt().or(() -> next.renewAt().map(r -> earliest(r, now.plus(RECHECK))));
          if (outcome.result() == Outcome.Result.BLOCKED || when.isEmpty()) {
            scheduler.cancel(t.name);
          } else if (request.equals(t.request)) {
            scheduler.at(t.name, when.get());
          }
        }
      }
    } finally {
      t.lock.unlock();
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void record(String name, Outcome outcome) {
    outcome.issuance().ifPresent(i -> Counter.builder("lanyard.certificate.issuance")
        .description("Certificate issuance attempts by result")
        .tag("name", name).tag("result", i.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry).increment());
    if (outcome.failed() && outcome.result() != Outcome.Result.BLOCKED) {
      Counter.builder("lanyard.certificate.renewal.failures").description("Failed attempts to issue, renew or store a certificate")
          .tag("name", name).register(registry).increment();
    }
  }

  private Tracked track(String name) {
    return new Tracked(name, registry);
  }

  /** The lifecycle's knowledge of one certificate. */
  private static final class Tracked {
    final String name;
    final ReentrantLock lock = new ReentrantLock();
    final Gauge gauge;
    volatile CertificateRequest request;
    volatile Snapshot snapshot = Snapshot.EMPTY;

    Tracked(String name, MeterRegistry registry) {
      this.name = name;
      this.gauge = Gauge.builder("lanyard.certificate.not.after", this, Tracked::notAfterSeconds)
          .description("Expiry of the certificate in place, as a Unix time")
          .baseUnit("seconds")
          .tag("name", name)
          .register(registry);
    }

    double notAfterSeconds() {
      return snapshot.notAfter().map(i -> (double) i.getEpochSecond()).orElse(Double.NaN);
    }

    CertificateStatus status() {
      CertificateRequest r = request;
      Snapshot s = snapshot;
      return new CertificateStatus(name, r.origin(), r.issuer(), r.dnsNames(), r.ipAddresses(), s.notAfter(), s.renewAt(),
          s.serial(), s.lastError(), s.failures(), s.retryAt(), s.pending(), s.stores());
    }
  }

  /** What the last run left: immutable, swapped whole. */
  private record Snapshot(Optional<Instant> notAfter, Optional<String> serial, Optional<Instant> renewAt, Optional<String> lastError,
      int failures, Optional<Instant> retryAt, Optional<String> pending, List<StoreStatus> stores) {

    static final Snapshot EMPTY = new Snapshot(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
        Optional.empty(), Optional.empty(), List.of());

    Snapshot withError(String error) {
      return new Snapshot(notAfter, serial, renewAt, Optional.of(error), failures, Optional.empty(), Optional.empty(), stores);
    }

    /** After an inspection: what the stores hold; failures and retries stay as the last run left them. */
    Snapshot inspected(Outcome o) {
      Optional<StoredCertificate> current = o.current();
      boolean keep = current.isEmpty() && o.failed();
      return new Snapshot(
          current.map(c -> c.leaf().getNotAfter().toInstant()).or(() -> keep ? notAfter : Optional.empty()),
          current.map(StoredCertificate::serialHex).or(() -> keep ? serial : Optional.empty()),
          o.renewAt().or(() -> keep ? renewAt : Optional.empty()),
          o.error().or(() -> lastError), failures, retryAt, o.pending(), o.stores());
    }

    Snapshot after(Outcome o, Instant now, Backoff backoff) {
      Optional<StoredCertificate> current = o.current();
      // When a run learned nothing about the stores (unreadable, or blocked), what was known stays.
      boolean keep = current.isEmpty() && o.failed();
      Optional<Instant> na = current.map(c -> c.leaf().getNotAfter().toInstant()).or(() -> keep ? notAfter : Optional.empty());
      Optional<String> sn = current.map(StoredCertificate::serialHex).or(() -> keep ? serial : Optional.empty());
      Optional<Instant> renew = o.renewAt().or(() -> keep ? renewAt : Optional.empty());
      Optional<String> warning = o.warnings().isEmpty() ? Optional.empty() : Optional.of(String.join("; ", o.warnings()));
      if (!o.failed()) {
        return new Snapshot(na, sn, renew, warning, 0, Optional.empty(), Optional.empty(), o.stores());
      }
      if (o.result() == Outcome.Result.BLOCKED) {
        return new Snapshot(na, sn, renew, o.error(), failures, Optional.empty(), Optional.empty(), o.stores());
      }
      int f = failures + 1;
      Instant retry = now.plus(backoff.delay(f, o.retryAfter()));
      return new Snapshot(na, sn, renew, o.error(), f, Optional.of(retry), Optional.empty(), o.stores());
    }
  }
}
