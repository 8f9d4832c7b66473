package dev.lanyard.ca.x509;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a server certificate names and how long it should live.
 *
 * @param commonName the subject CN; empty means the first DNS name (and no subject at all without one)
 */
public record LeafSpec(List<String> dnsNames, List<String> ipAddresses, Optional<String> commonName, Duration duration) {

  public LeafSpec {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one DNS name or IP address");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, not " + duration);
    }
  }

  /** The CN the certificate will carry, if any. */
  public Optional<String> subjectCommonName() {
    return commonName.or(() -> dnsNames.stream().findFirst());
  }
}
