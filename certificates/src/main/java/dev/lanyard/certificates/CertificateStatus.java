package dev.lanyard.certificates;

import dev.lanyard.certificates.store.StoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lanyard certs list} and the status page show for one certificate.
 *
 * @param origin {@code config} or {@code gateway/<namespace>/<name>}
 * @param notAfter expiry of the certificate the stores hold
 * @param nextRenewal when that certificate is due for renewal
 * @param serial its serial number in hex
 * @param lastError the last failure (or a failed reload command); empty once things work again
 * @param failures consecutive failed attempts
 * @param retryAt when the next attempt after a failure is planned
 * @param pending what a run would do now and why ({@code issue: no certificate stored yet}); filled by
 *     {@link CertificateLifecycle#inspect()}, empty after a run
 * @param stores each store and the problem it had, if any
 */
public record CertificateStatus(
    String name,
    String origin,
    String issuer,
    List<String> dnsNames,
    List<String> ipAddresses,
    Optional<Instant> notAfter,
    Optional<Instant> nextRenewal,
    Optional<String> serial,
    Optional<String> lastError,
    int failures,
    Optional<Instant> retryAt,
    Optional<String> pending,
    List<StoreStatus> stores) {

  public CertificateStatus {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    stores = List.copyOf(stores);
  }

  /** True when a certificate is in place and the last run had no error. */
  public boolean healthy() {
    return notAfter.isPresent() && lastError.isEmpty();
  }
}
