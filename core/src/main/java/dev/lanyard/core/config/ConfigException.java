package dev.lanyard.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The config cannot be used. Carries every problem found, not just the first. */
public class ConfigException extends Exception {
  private final List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
