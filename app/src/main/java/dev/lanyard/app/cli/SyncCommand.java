package dev.lanyard.app.cli;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.sync.SyncResult;
import dev.lanyard.sync.SyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Apply one full reconcile to every sync provider and exit: 0, or 1 with the reasons if a change failed.")
public final class SyncCommand extends ConfiguredCommand {

  @Option(names = "--once", description = "Required: run one reconcile and exit (`lanyard serve` syncs continuously).")
  boolean once;

  @Mixin SyncTimeoutOption timeout;

  @Override
  int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
    if (!once) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "add --once to run one reconcile (lanyard serve keeps providers in sync continuously)");
    }
    if (c.sync().providers().isEmpty()) {
      err.println("no sync.providers in " + c.file() + ": nothing to sync");
      return 1;
    }
    try (OneShot state = OneShot.compute(c, timeout.value(), err);
        SyncService sync = new SyncService(c, new SimpleMeterRegistry())) {
      SyncResult result = sync.syncOnce(state.state());
      for (SyncResult.Outcome o : result.providers()) {
        o.plan().ifPresent(p -> out.println(p.render()));
        out.printf("%s: %d change(s) applied%s%n", o.provider(), o.applied(),
            o.ok() ? "" : ", " + o.failures().size() + " failed");
      }
      result.failures().forEach(f -> err.println("failed: " + f));
      return result.ok() ? 0 : 1;
    }
  }
}
