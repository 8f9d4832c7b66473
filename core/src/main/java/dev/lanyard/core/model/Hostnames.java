package dev.lanyard.core.model;

import dev.lanyard.core.net.IpAddresses;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as Lanyard keeps them: lower case, no trailing dot, a leading {@code *.} for wildcards.
 */
public final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

  private Hostnames() {}

  /** Lower-cases, trims and drops one trailing dot. Does not validate. */
  public static String normalize(String name) {
    String s = name.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith(".") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** Normalizes and validates; empty when the name is not a usable DNS name or is an IP literal. */
  public static Optional<String> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String s = normalize(name);
    return isValid(s) ? Optional.of(s) : Optional.empty();
  }

  /**
   * True for a normalized RFC 1123 name (underscores allowed, as in {@code _acme-challenge}),
   * optionally starting with one {@code *.} label; IP literals are not names.
   */
  public static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > 253 || IpAddresses.parse(name).isPresent()) {
      return false;
    }
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    if (rest.isEmpty()) {
      return false;
    }
    String[] labels = rest.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // No top-level label is all digits (RFC 3696 2): "999.1.1.1" is a mistyped IP, not a name.
    return !ALL_DIGITS.matcher(labels[labels.length - 1]).matches();
  }

  public static boolean isWildcard(String name) {
    return name.startsWith("*.");
  }

  /** True when {@code name} equals {@code zone} or lies below it. */
  public static boolean isInZone(String name, String zone) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  /** The name with its first label removed, or empty for a single label. */
  public static Optional<String> parent(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1));
  }
}
