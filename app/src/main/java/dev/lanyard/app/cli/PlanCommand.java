package dev.lanyard.app.cli;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.sync.ProviderPlan;
import dev.lanyard.sync.SyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the changes each sync provider would get, without applying them.")
public final class PlanCommand extends ConfiguredCommand {
  enum Output { text, json }

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Mixin SyncTimeoutOption timeout;

  @Override
  int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
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
