package dev.lanyard.app.cli;

import dev.lanyard.ca.CaException;
import dev.lanyard.ca.CaInit;
import dev.lanyard.ca.CaIssueByHand;
import dev.lanyard.ca.KeyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ca", mixinStandardHelpOptions = true, description = "Create and use an internal CA.",
    subcommands = {CaCommand.Init.class, CaCommand.Issue.class})
public final class CaCommand {

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create a root CA (and optionally an intermediate) in a directory. Key files are 0600.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write the CA (must not hold one yet).")
    Path dir;

    @Option(names = "--name", defaultValue = "Lanyard CA", description = "The CA's common name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--key", defaultValue = "ecdsa-p256", paramLabel = "KIND",
        description = "ecdsa-p256, ecdsa-p384, rsa-2048, rsa-4096 or ed25519 (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--intermediate", description = "Also create an intermediate that signs the leaves.")
    boolean intermediate;

    @Option(names = "--name-constraints", split = ",", paramLabel = "DOMAIN",
        description = "Only allow names in these domains (comma list).")
    List<String> nameConstraints = new ArrayList<>();

    @Override
    public Integer call() {
      try {
        KeyKind kind = KeyKind.parse(key).orElseThrow(() ->
            new IllegalArgumentException("--key " + key + " is not one of " + KeyKind.choices()));
        spec.commandLine().getOut().println(CaInit.run(dir, name, kind, intermediate, nameConstraints).summary());
        return 0;
      } catch (CaException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("lanyard ca init: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true, description = "Issue a leaf certificate by hand.")
  static final class Issue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory (from ca init).")
    Path dir;

    @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name (repeatable; *.example.com for a wildcard).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IP", description = "An IP address (repeatable).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "2160h", converter = DurationConverter.class,
        description = "Lifetime (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Where to write cert.pem, chain.pem, fullchain.pem, privkey.pem and ca.pem.")
    Path out;

    @Override
    public Integer call() {
      if (dns.isEmpty() && ips.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give at least one --dns or --ip");
      }
      try {
        spec.commandLine().getOut().println(CaIssueByHand.run(dir, dns, ips, duration, out).summary());
        return 0;
      } catch (CaException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("lanyard ca issue: " + e.getMessage());
        return 1;
      }
    }
  }
}
