package dev.lanyard.app.wiring;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.pipeline.StatePipeline;
import dev.lanyard.core.source.KubernetesSource;
import dev.lanyard.core.source.ManifestSource;
import dev.lanyard.core.source.Source;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the configured sources, and computes the state once for the one-shot commands. */
public final class Inventories {
  private Inventories() {}

  public static List<Source> sources(LanyardConfig config, Optional<KubernetesClient> kube, Clock clock) {
    List<Source> out = new ArrayList<>();
    if (config.sources().manifests().enabled()) {
      out.add(new ManifestSource(config.sources().manifests(), clock));
    }
    if (config.sources().kubernetes().enabled()) {
      out.add(new KubernetesSource(kube.orElseThrow(), config.sources().kubernetes(), clock));
    }
    return out;
  }

  /**
   * Reads every source once (waiting up to {@code timeout} for the Kubernetes informers) and
   * translates. The state says whether every source synced.
   */
  public static DesiredState once(LanyardConfig config, Optional<KubernetesClient> kube, Duration timeout)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    try (StatePipeline pipeline = new StatePipeline(config, sources(config, kube, clock), Duration.ofMillis(10), clock)) {
      pipeline.start();
      pipeline.awaitSynced(timeout);
      Thread.sleep(30);
      DesiredState s = pipeline.current();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (s == null && System.nanoTime() < deadline) {
        Thread.sleep(10);
        s = pipeline.current();
      }
      if (s == null) {
        throw new IllegalStateException("no state was computed within " + timeout);
      }
      return s;
    }
  }
}
