package dev.lanyard.core.model;

/**
 * Something a user should fix or know about: a bad manifest, a conflicting record, an unknown
 * issuer. {@code subject} names what it is about (a file and line, or {@code kind/namespace/name}).
 */
public record Problem(Severity severity, String subject, String message) {

  public enum Severity {
    /** The object (or file) could not be used at all. */
    ERROR,
    /** The object was used, but something in it was dropped or overridden. */
    WARNING
  }

  public static Problem error(String subject, String message) {
    return new Problem(Severity.ERROR, subject, message);
  }

  public static Problem warning(String subject, String message) {
    return new Problem(Severity.WARNING, subject, message);
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + subject + ": " + message;
  }
}
