package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Inventories;
import dev.lanyard.app.wiring.Issuers;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.sync.SyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the config and the manifests; print every problem. Exit code 1 when there is any.")
public final class CheckCommand extends ConfiguredCommand {

  @Mixin SyncTimeoutOption timeout;

  @Override
  boolean reportConfigProblemsToOut() {
    return true;
  }

  @Override
  int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
    out.printf("config %s: OK (%d zone(s), %d view(s))%n", c.file(), c.zones().size(), c.views().size());
    Optional<KubernetesClient> kube = Kube.clientFor(c);
    try {
      DesiredState state = Inventories.once(c, kube, timeout.value());
      List<Problem> problems = new ArrayList<>();
      for (SourceStatus s : state.sources()) {
        if (!s.synced()) {
          problems.add(Problem.error(s.name(), "did not sync within " + timeout));
        }
        problems.addAll(s.problems());
      }
      problems.addAll(state.problems());
      syncProblem(c).ifPresent(problems::add);
      problems.addAll(issuerProblems(c, kube));
      int records = state.views().stream().mapToInt(v -> v.records().size()).sum();
      out.printf("sources: %d record set(s) in %d view(s), %d certificate(s)%n", records, state.views().size(),
          state.certificates().size());
      for (Problem p : problems) {
        out.println(p);
      }
      out.println(problems.isEmpty() ? "no problems" : problems.size() + " problem(s)");
      return problems.isEmpty() ? 0 : 1;
    } finally {
      kube.ifPresent(KubernetesClient::close);
    }
  }

  /** A sync provider that cannot be built: no API token, an unreadable TSIG secret. */
  private static Optional<Problem> syncProblem(LanyardConfig c) {
    try {
      new SyncService(c, new SimpleMeterRegistry()).close();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(Problem.error("sync.providers", e.getMessage()));
    }
  }

  /** Issuers that could not issue now: a CA directory or Secret that does not load, an unreadable trust file. */
  private static List<Problem> issuerProblems(LanyardConfig c, Optional<KubernetesClient> kube) {
    Map<String, Issuer> issuers = Issuers.build(c, Optional.empty(), Optional.empty(), kube, Clock.systemUTC());
    List<Problem> problems = new ArrayList<>();
    List<CertificatesConfig.IssuerConfig> configured = c.certificates().issuers();
    for (int i = 0; i < configured.size(); i++) {
      String path = "certificates.issuers[" + i + "] (" + configured.get(i).name() + ")";
      issuers.get(configured.get(i).name()).localProblem().ifPresent(p -> problems.add(Problem.error(path, p)));
    }
    return problems;
  }
}
