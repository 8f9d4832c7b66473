package dev.lanyard.certificates;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.model.DesiredState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds requests and desired states for tests. */
public final class Requests {
  private static long generation;

  private Requests() {}

  public static CertificateRequest request(String name, String issuer, List<String> dns, List<StoreSpec> stores) {
    return new CertificateRequest(name, issuer, dns, List.of(), Optional.empty(), Optional.of(Duration.ofDays(90)), Optional.empty(),
        PrivateKeySpec.DEFAULT, stores, "config");
  }

  public static CertificateRequest withDuration(CertificateRequest r, Duration duration, Optional<Duration> renewBefore) {
    return new CertificateRequest(r.name(), r.issuer(), r.dnsNames(), r.ipAddresses(), r.commonName(), Optional.of(duration),
        renewBefore, r.privateKey(), r.stores(), r.origin());
  }

  public static CertificateRequest withNames(CertificateRequest r, List<String> dns) {
    return new CertificateRequest(r.name(), r.issuer(), dns, r.ipAddresses(), r.commonName(), r.duration(), r.renewBefore(),
        r.privateKey(), r.stores(), r.origin());
  }

  public static CertificateRequest withKey(CertificateRequest r, PrivateKeySpec key) {
    return new CertificateRequest(r.name(), r.issuer(), r.dnsNames(), r.ipAddresses(), r.commonName(), r.duration(), r.renewBefore(),
        key, r.stores(), r.origin());
  }

  public static CertificateRequest withStores(CertificateRequest r, List<StoreSpec> stores) {
    return new CertificateRequest(r.name(), r.issuer(), r.dnsNames(), r.ipAddresses(), r.commonName(), r.duration(), r.renewBefore(),
        r.privateKey(), stores, r.origin());
  }

  public static StoreSpec dir(java.nio.file.Path dir) {
    return new StoreSpec.Directory(dir, Optional.empty());
  }

  public static StoreSpec dir(java.nio.file.Path dir, String reload) {
    return new StoreSpec.Directory(dir, Optional.of(reload));
  }

  public static synchronized DesiredState state(CertificateRequest... requests) {
    return new DesiredState(++generation, Instant.now(), List.of(), List.of(requests), List.of(), List.of());
  }
}
