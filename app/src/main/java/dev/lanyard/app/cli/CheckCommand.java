package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Inventories;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the config and the manifests; print every problem. Exit code 1 when there is any.")
public final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Mixin SyncTimeoutOption timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Optional<LanyardConfig> loaded = config.loadOrReport(out);
    if (loaded.isEmpty()) {
      return 1;
    }
    LanyardConfig c = loaded.get();
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
}
