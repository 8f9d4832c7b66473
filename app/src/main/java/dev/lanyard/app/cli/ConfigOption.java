package dev.lanyard.app.cli;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command shares. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The Lanyard config file (YAML).")
  Path file;

  public LanyardConfig load() throws ConfigException {
    return ConfigLoader.load(file);
  }
}
