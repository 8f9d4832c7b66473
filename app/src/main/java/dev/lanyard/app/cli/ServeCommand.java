package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Lanyard;
import dev.lanyard.app.wiring.LeaseLeadership;
import dev.lanyard.core.config.LanyardConfig;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run everything: sources, DNS, provider sync, certificates and the HTTP endpoints, until stopped.")
public final class ServeCommand extends ConfiguredCommand {

  @Override
  int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Lanyard started;
    try {
      started = Lanyard.start(c, l -> LeaseLeadership.forConfig(l.config(), l.kube(), System::getenv));
    } catch (java.io.IOException e) {
      err.println("lanyard serve: " + e.getMessage());
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
