package dev.lanyard.certificates.lifecycle;

import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.certificates.store.StoredCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of one run (or one inspection) for one certificate.
 *
 * @param current what the stores hold now (the best certificate), if anything
 * @param renewAt when {@code current} is due
 * @param error why this run failed; a failure is retried with backoff
 * @param retryAfter the issuer's own wait (rate limits), when it gave one
 * @param warnings problems that need no retry (a failed reload command)
 * @param issuance how asking the issuer went, when it was asked
 * @param pending what a run would do now and why, for an inspection
 */
public record Outcome(
    Result result,
    Optional<StoredCertificate> current,
    Optional<Instant> renewAt,
    Optional<String> error,
    Optional<Duration> retryAfter,
    List<StoreStatus> stores,
    List<String> warnings,
    Optional<Issuance> issuance,
    Optional<String> pending) {

  public enum Result {
    /** The stored certificate fits and is not due: nothing was issued. */
    KEPT,
    /** A new certificate was issued and written. */
    ISSUED,
    /** Reading, issuing or writing failed, or the issued certificate was unfit; the old certificate stays. */
    FAILED,
    /** Nothing can be done until the configuration changes (unknown issuer, no usable store). */
    BLOCKED,
    /** An inspection found work to do; nothing was changed. */
    PENDING
  }

  /** For the {@code lanyard_certificate_issuance_total} metric. */
  public enum Issuance {
    SUCCESS,
    FAILURE,
    /** The issuer answered, but with a certificate that failed the checks. */
    REJECTED
  }

  public Outcome {
    stores = List.copyOf(stores);
    warnings = List.copyOf(warnings);
  }

  public boolean failed() {
    return error.isPresent();
  }

  static Outcome blocked(String error, List<StoreStatus> stores) {
    return new Outcome(Result.BLOCKED, Optional.empty(), Optional.empty(), Optional.of(error), Optional.empty(), stores, List.of(),
        Optional.empty(), Optional.empty());
  }
}
