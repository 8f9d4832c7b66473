package dev.lanyard.app.cli;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.sync.ProviderPlan;
import dev.lanyard.sync.SyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the changes each sync provider would get, without applying them.")
public final class PlanCommand implements Callable<Integer> {
  enum Output { text, json }

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Mixin SyncTimeoutOption timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<LanyardConfig> loaded = config.loadOrReport(err);
    if (loaded.isEmpty()) {
      return 1;
    }
    LanyardConfig c = loaded.get();
    if (c.sync().providers().isEmpty()) {
      err.println("no sync.providers in " + c.file() + ": nothing to plan");
      return 1;
    }
    try (OneShot once = OneShot.compute(c, timeout.value(), err);
        SyncService sync = new SyncService(c, new SimpleMeterRegistry())) {
      List<ProviderPlan> plans = sync.plan(once.state());
      if (output == Output.json) {
        out.println(ProviderPlan.toJson(plans));
      } else {
        plans.forEach(p -> out.println(p.render()));
      }
      return 0;
    } catch (java.io.IOException e) {
      err.println("lanyard plan: " + e.getMessage());
      return 1;
    }
  }
}
