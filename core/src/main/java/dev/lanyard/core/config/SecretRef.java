package dev.lanyard.core.config;

import java.util.Optional;

/** A Kubernetes Secret named {@code namespace/name} in the config. */
public record SecretRef(String namespace, String name) {

  public static Optional<SecretRef> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2 || !isDnsLabelish(parts[0]) || !isDnsLabelish(parts[1])) {
      return Optional.empty();
    }
    return Optional.of(new SecretRef(parts[0], parts[1]));
  }

  private static boolean isDnsLabelish(String s) {
    return s.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
