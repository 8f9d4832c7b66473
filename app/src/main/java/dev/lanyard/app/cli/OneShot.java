package dev.lanyard.app.cli;

import dev.lanyard.app.wiring.Inventories;
import dev.lanyard.core.config.Durations;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** The state computed once, for commands that act on it and exit (plan, sync --once, certs). */
record OneShot(LanyardConfig config, Optional<KubernetesClient> kube, DesiredState state) implements AutoCloseable {

  static OneShot compute(LanyardConfig config, Duration timeout, PrintWriter err) throws InterruptedException {
    Optional<KubernetesClient> kube = Kube.clientFor(config);
    DesiredState state = Inventories.once(config, kube, timeout);
    if (!state.synced()) {
      err.println("warning: not every source synced within " + Durations.format(timeout) + "; nothing will be deleted");
    }
    return new OneShot(config, kube, state);
  }

  @Override
  public void close() {
    kube.ifPresent(KubernetesClient::close);
  }
}
