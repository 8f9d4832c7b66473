package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Lanyard;
import dev.lanyard.app.wiring.LeaseLeadership;
import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.LanyardConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run everything: sources, DNS, provider sync, certificates and the HTTP endpoints, until stopped.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LanyardConfig c;
    try {
      c = config.load();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Lanyard started;
    try {
      started = Lanyard.start(c, l -> LeaseLeadership.forConfig(l.config(), l.kube(), System::getenv));
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println("lanyard serve: " + e.getMessage());
      return 1;
    }
    try (Lanyard lanyard = started) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        lanyard.close();
        stopped.countDown();
      }, "shutdown"));
      stopped.await();
    }
    return 0;
  }
}
