package dev.lanyard.core.cert;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A certificate Lanyard must keep valid: from {@code certificates.certificates[]} in the config, or
 * from a Gateway listener (cert-manager gateway-shim rules).
 *
 * @param name unique id: the config name, or {@code <namespace>/<secret>} for Gateway-derived requests
 * @param issuer name of a configured issuer
 * @param dnsNames SANs in request order, first is the common name unless {@code commonName} is set
 * @param duration requested lifetime; empty means the issuer's default
 * @param renewBefore renew this long before notAfter; empty means at 2/3 of the lifetime
 * @param origin {@code config} or {@code gateway/<namespace>/<name>}
 */
public record CertificateRequest(
    String name,
    String issuer,
    List<String> dnsNames,
    List<String> ipAddresses,
    Optional<String> commonName,
    Optional<Duration> duration,
    Optional<Duration> renewBefore,
    PrivateKeySpec privateKey,
    List<StoreSpec> stores,
    String origin) {

  public CertificateRequest {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    stores = List.copyOf(stores);
  }

  /** All subject alternative names, DNS names first. */
  public List<String> allNames() {
    return java.util.stream.Stream.concat(dnsNames.stream(), ipAddresses.stream()).toList();
  }
}
