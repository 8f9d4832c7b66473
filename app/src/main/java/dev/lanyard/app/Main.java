package dev.lanyard.app;

import dev.lanyard.app.cli.CaCommand;
import dev.lanyard.app.cli.CertsCommand;
import dev.lanyard.app.cli.CheckCommand;
import dev.lanyard.app.cli.PlanCommand;
import dev.lanyard.app.cli.RecordsCommand;
import dev.lanyard.app.cli.ServeCommand;
import dev.lanyard.app.cli.SyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lanyard} command. */
@Command(
    name = "lanyard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Split-horizon DNS, provider sync and certificates for Kubernetes gateways.",
    subcommands = {ServeCommand.class, CheckCommand.class, RecordsCommand.class, PlanCommand.class, SyncCommand.class,
        CertsCommand.class, CaCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    if (System.getenv("LANYARD_LOG_LEVEL") == null && !command.equals("serve")) {
      // One-shot commands print their results; their progress logs would only be noise, and check
      // prints every warning in its report already.
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.lanyard"))
          .setLevel(command.equals("check") ? ch.qos.logback.classic.Level.ERROR : ch.qos.logback.classic.Level.WARN);
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (0 ok, 1 problems found, 2 usage error). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::reportBadInput).execute(args);
  }

  /**
   * IllegalArgumentException is how Lanyard's modules say an input (a token, a key file, a setting)
   * is unusable: one line naming the problem, exit code 1. Anything else is a bug and keeps its stack trace.
   */
  private static int reportBadInput(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (!(e instanceof IllegalArgumentException)) {
      throw e;
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lanyard " + (v == null ? "dev" : v)};
    }
  }
}
