package dev.lanyard.app.cli;

import dev.lanyard.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long one-shot commands wait for the sources (the Kubernetes informers) to sync. */
public final class SyncTimeoutOption {
  @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to wait for the Kubernetes informers to sync (default: ${DEFAULT-VALUE}).")
  Duration value;

  public Duration value() {
    return value;
  }

  @Override
  public String toString() {
    return Durations.format(value);
  }
}
