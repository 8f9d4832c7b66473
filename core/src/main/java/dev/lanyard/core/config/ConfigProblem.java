package dev.lanyard.core.config;

/** One thing wrong in the config, e.g. {@code views[1].clients[0]: "10.0.0/8" is not a CIDR}. */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
