package dev.lanyard.app.http;

import dev.lanyard.app.wiring.Leadership;
import dev.lanyard.certificates.CertificateStatus;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.sync.ProviderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the HTTP endpoints report, gathered at one moment: the readiness check and the status
 * page are pure functions of it.
 *
 * @param zones the configured zones
 * @param views the configured views, in config order
 * @param sources the configured sources (manifests, kubernetes), in start order
 * @param state the latest desired state; empty until the sources were first translated
 * @param dnsListeners where the DNS server is bound; empty until it is
 */
public record StatusSnapshot(
    Instant now,
    List<String> zones,
    List<String> views,
    List<String> sources,
    Optional<DesiredState> state,
    boolean dnsListening,
    List<String> dnsListeners,
    Leadership.Status leader,
    List<ProviderStatus> providers,
    List<CertificateStatus> certificates) {

  public StatusSnapshot {
    zones = List.copyOf(zones);
    views = List.copyOf(views);
    sources = List.copyOf(sources);
    dnsListeners = List.copyOf(dnsListeners);
    providers = List.copyOf(providers);
    certificates = List.copyOf(certificates);
  }
}
