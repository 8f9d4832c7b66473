package dev.lanyard.app.metrics;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The service-level meters the modules do not own, read on scrape from the latest state:
 * {@code lanyard_source_synced{source}}, {@code lanyard_source_problems{source}},
 * {@code lanyard_source_last_change_timestamp_seconds{source}}, {@code lanyard_state_problems{severity}},
 * {@code lanyard_state_generation}, {@code lanyard_ready}, {@code lanyard_leader}, and the JVM's memory, GC,
 * threads, CPU and uptime. Records per view are the DNS server's {@code lanyard_dns_records{view}}.
 */
public final class ServiceMetrics implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /**
   * @param sources the configured source names
   * @param state the latest desired state, or null before the first
   */
  public ServiceMetrics(MeterRegistry registry, List<String> sources, Supplier<DesiredState> state,
      BooleanSupplier ready, BooleanSupplier leader) {
    for (String name : sources) {
      Gauge.builder("lanyard.source.synced", () -> source(state, name).map(s -> s.synced() ? 1 : 0).orElse(0))
          .description("1 once the source delivered its first full listing").tag("source", name).register(registry);
      Gauge.builder("lanyard.source.problems", () -> source(state, name).map(s -> s.problems().size()).orElse(0))
          .description("Problems the source reports now (unreadable files, disabled kinds)").tag("source", name)
          .register(registry);
      Gauge.builder("lanyard.source.last.change.timestamp.seconds",
              () -> source(state, name).flatMap(SourceStatus::lastChange).map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
          .description("When the source last delivered a change, as a Unix time").baseUnit("seconds").tag("source", name)
          .register(registry);
    }
    for (Problem.Severity severity : Problem.Severity.values()) {
      Gauge.builder("lanyard.state.problems", () -> Optional.ofNullable(state.get())
              .map(s -> s.problems().stream().filter(p -> p.severity() == severity).count()).orElse(0L))
          .description("Problems found translating the inventory (conflicts, dropped objects)")
          .tag("severity", severity.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    Gauge.builder("lanyard.state.generation", () -> Optional.ofNullable(state.get()).map(DesiredState::generation).orElse(0L))
        .description("Generation of the desired state served now; increases with every change").register(registry);
    Gauge.builder("lanyard.ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 when DNS listens and every source has synced (what /readyz answers)").register(registry);
    Gauge.builder("lanyard.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 on the replica that runs provider sync and certificate work").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private static Optional<SourceStatus> source(Supplier<DesiredState> state, String name) {
    DesiredState s = state.get();
    return s == null ? Optional.empty() : s.sources().stream().filter(x -> x.name().equals(name)).findFirst();
  }

  @Override
  public void close() {
    gc.close();
  }
}
