package dev.lanyard.app.cli;

import dev.lanyard.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code 30s}, {@code 10m}, {@code 2160h} on the command line. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value).orElseThrow(() ->
        new CommandLine.TypeConversionException("\"" + value + "\" is not a duration (e.g. 30s, 10m, 2160h)"));
  }
}
