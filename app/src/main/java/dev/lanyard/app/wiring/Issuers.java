package dev.lanyard.app.wiring;

import dev.lanyard.acme.AcmeIssuer;
import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.ca.issuer.CaIssuer;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.sync.SyncService;
import dev.lanyard.sync.provider.rfc2136.Rfc2136TxtPublisher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configured issuers and connects each ACME issuer to its DNS-01 publisher: Lanyard's own
 * DNS server ("self"), a Cloudflare sync provider, or an RFC 2136 server.
 */
public final class Issuers {
  private static final Logger log = LoggerFactory.getLogger(Issuers.class);

  private Issuers() {}

  /**
   * @param selfChallenges the DNS server's challenge overlay, when the DNS server runs in this process
   */
  public static Map<String, Issuer> build(LanyardConfig config, Optional<TxtRecordPublisher> selfChallenges,
      Optional<SyncService> sync, Optional<KubernetesClient> kube, Clock clock) {
    Map<String, Issuer> out = new LinkedHashMap<>();
    for (CertificatesConfig.IssuerConfig cfg : config.certificates().issuers()) {
      try {
        out.put(cfg.name(), cfg.ca().isPresent()
            ? CaIssuer.fromConfig(cfg, kube, clock)
            : AcmeIssuer.create(cfg, solver(config, cfg.acme().orElseThrow(), selfChallenges, sync), kube, clock));
      } catch (RuntimeException e) {
        log.error("issuer {} cannot be used: {}; its certificates will show this error", cfg.name(), e.getMessage());
        out.put(cfg.name(), new FailingIssuer(cfg.name(), e.getMessage()));
      }
    }
    return out;
  }

  private static Dns01Solver solver(LanyardConfig config, CertificatesConfig.Acme acme,
      Optional<TxtRecordPublisher> selfChallenges, Optional<SyncService> sync) {
    CertificatesConfig.Solver s = acme.solver();
    return switch (s.type()) {
      // A command that only reads certificates (lanyard certs list) has no DNS server or sync: the
      // issuer still serves for inspection and fails only if asked to issue.
      case SELF -> Dns01Solver.of(selfChallenges.orElseGet(() ->
              new UnavailablePublisher("the self solver needs Lanyard's DNS server, which this command does not run")),
          acme.nameservers().isEmpty() ? ownListeners(config) : acme.nameservers());
      case CLOUDFLARE -> {
        String provider = s.provider().orElseThrow();
        TxtRecordPublisher publisher = sync.isEmpty()
            ? new UnavailablePublisher("the cloudflare solver needs provider sync, which this command does not run")
            : sync.get().txtPublisher(provider).orElseThrow(() ->
                new IllegalArgumentException("sync provider " + provider + " cannot publish TXT records"));
        yield Dns01Solver.of(publisher, acme.nameservers());
      }
      case RFC2136 -> {
        HostPort server = s.server().orElseThrow();
        try {
          yield Dns01Solver.of(Rfc2136TxtPublisher.create(server, s.tsig()),
              acme.nameservers().isEmpty() ? List.of(server) : acme.nameservers());
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("RFC 2136 solver: " + e.getMessage(), e);
        }
      }
    };
  }

  /** Stands in for a publisher this command does not run: every use fails with the reason. */
  private record UnavailablePublisher(String reason) implements TxtRecordPublisher {
    @Override
    public void add(String fqdn, String value) throws java.io.IOException {
      throw new java.io.IOException(reason);
    }

    @Override
    public void remove(String fqdn, String value) throws java.io.IOException {
      throw new java.io.IOException(reason);
    }
  }

  /** Where to check that the self solver's records are visible: Lanyard's own DNS listeners, on loopback. */
  static List<HostPort> ownListeners(LanyardConfig config) {
    return config.dns().listen().stream().map(h -> switch (h.host()) {
      case "0.0.0.0", "" -> new HostPort("127.0.0.1", h.port());
      case "::", "[::]" -> new HostPort("::1", h.port());
      default -> h;
    }).toList();
  }
}
