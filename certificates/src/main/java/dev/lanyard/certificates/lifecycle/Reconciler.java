package dev.lanyard.certificates.lifecycle;

import dev.lanyard.certificates.key.KeyGeneration;
import dev.lanyard.certificates.key.PrivateKeys;
import dev.lanyard.certificates.schedule.RenewalTime;
import dev.lanyard.certificates.store.CertificateStore;
import dev.lanyard.certificates.store.FailureRecord;
import dev.lanyard.certificates.store.StoreContent;
import dev.lanyard.certificates.store.StoreException;
import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.certificates.store.StoredCertificate;
import dev.lanyard.certificates.store.Stores;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.StoreSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run for one request: read every store, keep a stored certificate that fits and is not due
 * (copying it to stores that lack it), else issue, check and write a new one. Never replaces a
 * fit certificate by an unfit one, never issues when a store cannot be read, and never throws:
 * every failure is in the {@link Outcome}.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Map<String, Issuer> issuers;
  private final Optional<KubernetesClient> kube;
  private final Clock clock;

  public Reconciler(Map<String, Issuer> issuers, Optional<KubernetesClient> kube, Clock clock) {
    this.issuers = Map.copyOf(issuers);
    this.kube = kube;
    this.clock = clock;
  }

  /** The error for a request whose issuer is not configured, or empty when it is. */
  public Optional<String> unknownIssuer(CertificateRequest request) {
    if (issuers.containsKey(request.issuer())) {
      return Optional.empty();
    }
    return Optional.of("no issuer named \"" + request.issuer() + "\" (configured: "
        + (issuers.isEmpty() ? "none" : String.join(", ", new TreeSet<>(issuers.keySet()))) + ")");
  }

  /** @param force issue even when the stored certificate fits and is not due */
  public Outcome reconcile(CertificateRequest request, boolean force) {
    Judged j;
    switch (read(request)) {
      case Early e -> {
        return e.outcome();
      }
      case Judged judged -> j = judged;
    }
    Optional<String> reason = j.reasonToIssue(force);
    if (reason.isEmpty()) {
      return keep(request, j);
    }
    log.info("Certificate {}: issuing from {} ({})", request.name(), j.issuer.name(), reason.get());

    KeyPair key;
    try {
      key = chooseKey(request.privateKey(), j.held);
    } catch (IllegalArgumentException e) {
      return Outcome.blocked("private key: " + e.getMessage(), statuses(j.storeProblems));
    }
    Optional<X509Certificate> replacing = j.inPlace.filter(s -> s.issuerName().equals(Optional.of(j.issuer.name())))
        .map(StoredCertificate::leaf);
    IssuedCertificate issued;
    try {
      issued = j.issuer.issue(request, key, replacing);
    } catch (IssuanceException e) {
      return failed(request, j, e.getMessage(), e.retryAfter(), Optional.of(Outcome.Issuance.FAILURE));
    } catch (RuntimeException e) {
      log.error("Certificate {}: issuer {} failed unexpectedly", request.name(), j.issuer.name(), e);
      return failed(request, j, "issuer " + j.issuer.name() + " failed unexpectedly: " + e, Optional.empty(),
          Optional.of(Outcome.Issuance.FAILURE));
    }
    List<String> problems = CertificateChecks.issuedProblems(issued, key.getPrivate(), request, clock.instant());
    if (!problems.isEmpty()) {
      return failed(request, j, "issuer " + j.issuer.name() + " returned an unusable certificate (" + String.join("; ", problems) + ")",
          Optional.empty(), Optional.of(Outcome.Issuance.REJECTED));
    }
    StoredCertificate fresh = new StoredCertificate(issued.chain(), key.getPrivate(), issued.caCertificate(), Optional.of(j.issuer.name()));
    Instant renewAt = renewalTime(j.issuer, request, fresh.leaf());
    log.info("Certificate {}: issued serial {}, valid until {}, renewal at {}", request.name(), fresh.serialHex(),
        fresh.leaf().getNotAfter().toInstant(), renewAt);
    WriteReport report = writeAll(request, fresh, j.contents.keySet(), j.storeProblems);
    if (!report.anyWritten()) {
      return new Outcome(Outcome.Result.FAILED, j.inPlace, j.inPlaceRenewal, report.error(), Optional.empty(), statuses(j.storeProblems),
          report.warnings(), Optional.of(Outcome.Issuance.SUCCESS), Optional.empty());
    }
    return new Outcome(Outcome.Result.ISSUED, Optional.of(fresh), Optional.of(renewAt), report.error(), Optional.empty(),
        statuses(j.storeProblems), report.warnings(), Optional.of(Outcome.Issuance.SUCCESS), Optional.empty());
  }

  /** Reads the stores and says what a run would do, changing nothing (for {@code lanyard certs list}). */
  public Outcome inspect(CertificateRequest request) {
    Judged j;
    switch (read(request)) {
      case Early e -> {
        return e.outcome();
      }
      case Judged judged -> j = judged;
    }
    Optional<String> reason = j.reasonToIssue(false);
    Optional<String> recorded = recordedFailure(request, j.contents.keySet());
    if (reason.isPresent()) {
      return new Outcome(Outcome.Result.PENDING, j.inPlace, j.inPlaceRenewal, recorded, Optional.empty(),
          statuses(j.storeProblems), List.of(), Optional.empty(), Optional.of("issue: " + reason.get()));
    }
    List<String> behind = j.behind().stream().map(CertificateStore::describe).toList();
    return new Outcome(behind.isEmpty() ? Outcome.Result.KEPT : Outcome.Result.PENDING, j.fit, j.inPlaceRenewal, recorded,
        Optional.empty(), statuses(j.storeProblems), List.of(), Optional.empty(),
        behind.isEmpty() ? Optional.empty() : Optional.of("copy the stored certificate to " + String.join(", ", behind)));
  }

  /** What reading the stores gave: either an early end, or everything needed to decide. */
  private sealed interface Read permits Early, Judged {}

  private record Early(Outcome outcome) implements Read {}

  private final class Judged implements Read {
    final CertificateRequest request;
    final Issuer issuer;
    final Instant now;
    final Map<CertificateStore, StoreContent> contents;
    final Map<String, Optional<String>> storeProblems;
    /** Every stored certificate, the longest-lived first. */
    final List<StoredCertificate> held;
    /** The longest-lived stored certificate that fits the request. */
    final Optional<StoredCertificate> fit;
    /** What serves now: the fit one, else the longest-lived one. */
    final Optional<StoredCertificate> inPlace;
    final Optional<Instant> inPlaceRenewal;

    Judged(CertificateRequest request, Issuer issuer, Map<CertificateStore, StoreContent> contents,
        Map<String, Optional<String>> storeProblems) {
      this.request = request;
      this.issuer = issuer;
      this.now = clock.instant();
      this.contents = contents;
      this.storeProblems = storeProblems;
      this.held = contents.values().stream()
          .flatMap(c -> c instanceof StoreContent.Holds h ? Stream.of(h.certificate()) : Stream.empty())
          .sorted(Comparator.comparing((StoredCertificate s) -> s.leaf().getNotAfter()).reversed())
          .toList();
      this.fit = held.stream().filter(s -> CertificateChecks.storedProblems(s, request, issuer.name(), now).isEmpty()).findFirst();
      this.inPlace = fit.or(() -> held.stream().findFirst());
      this.inPlaceRenewal = fit.map(f -> renewalTime(issuer, request, f.leaf()));
    }

    /** Why a new certificate is needed, or empty when the fit one can stay. */
    Optional<String> reasonToIssue(boolean force) {
      if (fit.isPresent()) {
        Instant renewAt = inPlaceRenewal.orElseThrow();
        if (force) {
          return Optional.of("renewal forced");
        }
        return now.isBefore(renewAt) ? Optional.empty() : Optional.of("due for renewal since " + renewAt);
      }
      if (held.isEmpty()) {
        return Optional.of("no certificate stored yet");
      }
      return Optional.of("the stored certificate does not fit: "
          + String.join("; ", CertificateChecks.storedProblems(held.get(0), request, issuer.name(), now)));
    }

    /** The stores that do not hold the fit certificate yet. */
    List<CertificateStore> behind() {
      return contents.entrySet().stream()
          .filter(e -> !(e.getValue() instanceof StoreContent.Holds h && fit.isPresent() && h.certificate().sameAs(fit.get())))
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  private Read read(CertificateRequest request) {
    Map<String, Optional<String>> storeProblems = new LinkedHashMap<>();
    Optional<String> unknown = unknownIssuer(request);
    if (unknown.isPresent()) {
      return new Early(Outcome.blocked(unknown.get(), List.of()));
    }
    List<CertificateStore> stores = new ArrayList<>();
    for (StoreSpec spec : request.stores()) {
      try {
        CertificateStore store = Stores.open(spec, kube);
        stores.add(store);
        storeProblems.put(store.describe(), Optional.empty());
      } catch (StoreException e) {
        storeProblems.put(spec.toString(), Optional.of(e.getMessage()));
      }
    }
    if (stores.isEmpty()) {
      return new Early(Outcome.blocked(request.stores().isEmpty() ? "the certificate has no store"
          : "no usable store: " + String.join("; ", storeProblems.values().stream().flatMap(Optional::stream).toList()),
          statuses(storeProblems)));
    }
    Map<CertificateStore, StoreContent> contents = new LinkedHashMap<>();
    for (CertificateStore store : stores) {
      try {
        StoreContent content = store.read();
        contents.put(store, content);
        if (content instanceof StoreContent.Invalid invalid) {
          log.warn("Certificate {}: {} holds no usable certificate ({}); it will be replaced", request.name(), store.describe(),
              invalid.reason());
        }
      } catch (StoreException e) {
        storeProblems.put(store.describe(), Optional.of(e.getMessage()));
        log.warn("Certificate {}: {}; nothing is issued or written until every store can be read", request.name(), e.getMessage());
        return new Early(new Outcome(Outcome.Result.FAILED, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()),
            Optional.empty(), statuses(storeProblems), List.of(), Optional.empty(), Optional.empty()));
      }
    }
    return new Judged(request, issuers.get(request.issuer()), contents, storeProblems);
  }

  private Outcome keep(CertificateRequest request, Judged j) {
    StoredCertificate fit = j.fit.orElseThrow();
    List<CertificateStore> behind = j.behind();
    WriteReport report = behind.isEmpty() ? WriteReport.NONE : writeAll(request, fit, behind, j.storeProblems);
    if (!behind.isEmpty()) {
      log.info("Certificate {}: copied the stored certificate (serial {}) to {}", request.name(), fit.serialHex(),
          behind.stream().map(CertificateStore::describe).toList());
    }
    clearFailures(request, j.contents.keySet());
    return new Outcome(Outcome.Result.KEPT, j.fit, j.inPlaceRenewal, report.error(), Optional.empty(), statuses(j.storeProblems),
        report.warnings(), Optional.empty(), Optional.empty());
  }

  private record WriteReport(boolean anyWritten, Optional<String> error, List<String> warnings) {
    static final WriteReport NONE = new WriteReport(false, Optional.empty(), List.of());
  }

  private WriteReport writeAll(CertificateRequest request, StoredCertificate certificate, java.util.Collection<CertificateStore> targets,
      Map<String, Optional<String>> storeProblems) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean any = false;
    for (CertificateStore store : targets) {
      try {
        Optional<String> warning = store.write(request.name(), certificate);
        any = true;
        warning.ifPresent(warnings::add);
        storeProblems.put(store.describe(), warning);
      } catch (StoreException e) {
        log.error("Certificate {}: {}", request.name(), e.getMessage());
        errors.add(e.getMessage());
        storeProblems.put(store.describe(), Optional.of(e.getMessage()));
      }
    }
    return new WriteReport(any, errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)), warnings);
  }

  private Outcome failed(CertificateRequest request, Judged j, String error, Optional<Duration> retryAfter,
      Optional<Outcome.Issuance> issuance) {
    log.warn("Certificate {}: {}{}", request.name(), error, j.inPlace.isPresent() ? "; the stored certificate stays in place" : "");
    FailureRecord record = new FailureRecord(error, clock.instant());
    for (CertificateStore store : j.contents.keySet()) {
      try {
        store.recordFailure(record);
      } catch (StoreException e) {
        log.warn("Certificate {}: could not note the failure in {}: {}", request.name(), store.describe(), e.getMessage());
      }
    }
    return new Outcome(Outcome.Result.FAILED, j.inPlace, j.inPlaceRenewal, Optional.of(error), retryAfter, statuses(j.storeProblems),
        List.of(), issuance, Optional.empty());
  }

  /** The latest failure a run (of this or another process) noted in the stores, for an inspection. */
  private static Optional<String> recordedFailure(CertificateRequest request, java.util.Collection<CertificateStore> stores) {
    Optional<FailureRecord> latest = Optional.empty();
    for (CertificateStore store : stores) {
      try {
        Optional<FailureRecord> f = store.failure();
        if (f.isPresent() && (latest.isEmpty() || f.get().at().isAfter(latest.get().at()))) {
          latest = f;
        }
      } catch (StoreException e) {
        log.warn("Certificate {}: {}", request.name(), e.getMessage());
      }
    }
    return latest.map(f -> f.error() + " (last attempt " + f.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
  }

  private static void clearFailures(CertificateRequest request, java.util.Collection<CertificateStore> stores) {
    for (CertificateStore store : stores) {
      try {
        store.clearFailure();
      } catch (StoreException e) {
        log.warn("Certificate {}: {}", request.name(), e.getMessage());
      }
    }
  }

  /** With rotationPolicy NEVER the stored key is reused when it fits the spec; otherwise a new key. */
  static KeyPair chooseKey(PrivateKeySpec spec, List<StoredCertificate> held) {
    if (spec.rotationPolicy() == PrivateKeySpec.RotationPolicy.NEVER) {
      for (StoredCertificate s : held) {
        if (PrivateKeys.matches(s.key(), s.leaf().getPublicKey()) && PrivateKeys.fits(s.leaf().getPublicKey(), spec)) {
          return new KeyPair(s.leaf().getPublicKey(), s.key());
        }
      }
    }
    return KeyGeneration.generate(spec);
  }

  private static Instant renewalTime(Issuer issuer, CertificateRequest request, X509Certificate leaf) {
    Optional<Instant> suggested;
    try {
      suggested = issuer.suggestedRenewal(leaf);
    } catch (RuntimeException e) {
      log.warn("Certificate {}: issuer {} could not suggest a renewal time: {}", request.name(), issuer.name(), e.toString());
      suggested = Optional.empty();
    }
    return RenewalTime.choose(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), request.renewBefore(),
        leaf.getSerialNumber(), suggested);
  }

  private static List<StoreStatus> statuses(Map<String, Optional<String>> problems) {
    return problems.entrySet().stream().map(e -> new StoreStatus(e.getKey(), e.getValue())).toList();
  }
}
