package dev.lanyard.app.cli;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config} option every command shares. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The Lanyard config file (YAML).")
  Path file;

  public LanyardConfig load() throws ConfigException {
    return ConfigLoader.load(file);
  }

  /** The config, or empty after printing every problem in it to {@code to}. */
  public Optional<LanyardConfig> loadOrReport(PrintWriter to) {
    try {
      return Optional.of(load());
    } catch (ConfigException e) {
      to.println(e.getMessage());
      return Optional.empty();
    }
  }
}
