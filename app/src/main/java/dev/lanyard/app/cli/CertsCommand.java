package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Issuers;
import dev.lanyard.certificates.CertificateLifecycle;
import dev.lanyard.certificates.CertificateStatus;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.dns.DnsServer;
import dev.lanyard.sync.SyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "certs", mixinStandardHelpOptions = true, description = "List and issue certificates.",
    subcommands = {CertsCommand.ListCerts.class, CertsCommand.Issue.class})
public final class CertsCommand {
  /** Stands in for the DNS server's challenge overlay in {@code certs list}, which never issues. */
  private static final TxtRecordPublisher LISTING_ONLY = new TxtRecordPublisher() {
    @Override
    public void add(String fqdn, String value) throws java.io.IOException {
      throw new java.io.IOException("lanyard certs list publishes no challenge records");
    }

    @Override
    public void remove(String fqdn, String value) {
      // nothing was published
    }
  };

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show each certificate: names, issuer, expiry, next renewal, last error. Issues nothing.")
  static final class ListCerts extends ConfiguredCommand {

    @Mixin SyncTimeoutOption timeout;

    @Override
    int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
      // The issuers are wired as serve wires them, so their status is what serve would report; nothing is published.
      Optional<SyncService> sync;
      try {
        sync = c.sync().providers().isEmpty() ? Optional.empty() : Optional.of(new SyncService(c, new SimpleMeterRegistry()));
      } catch (IllegalArgumentException e) {
        err.println("warning: sync providers cannot be built (" + e.getMessage() + "); ACME issuers that solve through "
            + "them cannot issue");
        sync = Optional.empty();
      }
      try (AutoCloseable closeSync = sync.isPresent() ? sync.get() : () -> { };
          OneShot once = OneShot.compute(c, timeout.value(), err);
          CertificateLifecycle lifecycle = new CertificateLifecycle(c.certificates(),
              Issuers.build(c, Optional.of(LISTING_ONLY), sync, once.kube(), Clock.systemUTC()), once.kube(),
              new SimpleMeterRegistry(), Clock.systemUTC())) {
        lifecycle.update(once.state());
        print(out, lifecycle.inspect());
        return 0;
      }
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = "Issue what is missing or due (all certificates, or one), then exit.")
  static final class Issue extends ConfiguredCommand {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this certificate.")
    String name;

    @Option(names = "--force", description = "Issue even when the stored certificate is still good.")
    boolean force;

    @Mixin SyncTimeoutOption timeout;

    @Override
    int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
      boolean self = c.certificates().issuers().stream().anyMatch(i -> i.acme().isPresent()
          && i.acme().get().solver().type() == CertificatesConfig.SolverType.SELF);
      try (OneShot once = OneShot.compute(c, timeout.value(), err);
          SyncService sync = new SyncService(c, new SimpleMeterRegistry());
          DnsServer dns = self ? new DnsServer(c, new SimpleMeterRegistry()) : null) {
        Optional<TxtRecordPublisher> challenges = Optional.empty();
        if (dns != null) {
          try {
            dns.start();
          } catch (java.io.IOException e) {
            err.println("lanyard certs issue: the self solver needs Lanyard's DNS listeners " + c.allListeners()
                + ", which are busy (" + e.getMessage() + "). Is `lanyard serve` running? It renews by itself.");
            return 1;
          }
          dns.update(once.state());
          challenges = Optional.of(dns.challenges());
        }
        try (CertificateLifecycle lifecycle = new CertificateLifecycle(c.certificates(),
            Issuers.build(c, challenges, Optional.of(sync), once.kube(), Clock.systemUTC()), once.kube(),
            new SimpleMeterRegistry(), Clock.systemUTC())) {
          lifecycle.update(once.state());
          List<CertificateStatus> result;
          try {
            result = lifecycle.issueNow(Optional.ofNullable(name), force);
          } catch (IllegalArgumentException e) {
            err.println("lanyard certs issue: " + e.getMessage());
            return 2;
          }
          print(out, result);
          return result.stream().allMatch(s -> s.lastError().isEmpty()) ? 0 : 1;
        }
      }
    }
  }

  static void print(PrintWriter out, List<CertificateStatus> certs) {
    if (certs.isEmpty()) {
      out.println("no certificates configured or found on Gateways");
      return;
    }
    for (CertificateStatus s : certs) {
      out.printf("%s  (issuer %s, from %s)%n", s.name(), s.issuer(), s.origin());
      out.printf("  names:        %s%n", String.join(", ", concat(s.dnsNames(), s.ipAddresses())));
      out.printf("  not after:    %s%n", s.notAfter().map(TIME::format).orElse("-"));
      out.printf("  next renewal: %s%n", s.nextRenewal().map(TIME::format).orElse("-"));
      s.serial().ifPresent(x -> out.printf("  serial:       %s%n", x));
      s.pending().ifPresent(x -> out.printf("  pending:      %s%n", x));
      s.lastError().ifPresent(x -> out.printf("  last error:   %s%s%n", x,
          s.retryAt().map(t -> " (retry at " + TIME.format(t) + ")").orElse("")));
      s.stores().forEach(st -> out.printf("  store:        %s%s%n", st.store(), st.problem().map(p -> " (" + p + ")").orElse("")));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

}
