package dev.lanyard.app.cli;

import dev.lanyard.core.config.LanyardConfig;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads {@code --config}: a config with problems is printed and exits 1 before {@link #run}. */
abstract class ConfiguredCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<LanyardConfig> loaded = config.loadOrReport(reportConfigProblemsToOut() ? out : err);
    if (loaded.isEmpty()) {
      return 1;
    }
    return run(loaded.get(), out, err);
  }

  /** {@code lanyard check} prints the problems it finds as its output; the other commands treat them as errors. */
  boolean reportConfigProblemsToOut() {
    return false;
  }

  abstract int run(LanyardConfig config, PrintWriter out, PrintWriter err) throws Exception;
}
