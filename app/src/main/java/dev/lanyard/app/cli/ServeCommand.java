package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Lanyard;
import dev.lanyard.app.wiring.Leadership;
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
    try (Lanyard lanyard = Lanyard.start(c, l -> Leadership.sole())) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        lanyard.close();
        stopped.countDown();
      }, "shutdown"));
      stopped.await();
    }
    return 0;
  }
}
