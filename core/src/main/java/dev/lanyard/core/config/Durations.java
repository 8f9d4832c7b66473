package dev.lanyard.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Kubernetes users write them: {@code 90s}, {@code 10m}, {@code 2160h}, {@code 1h30m}; also {@code d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Durations() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.matches("\\d+")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    double millis = 0;
    while (m.find()) {
      if (m.start() != pos) {
        return Optional.empty();
      }
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1000;
        case "m" -> n * 60_000;
        case "h" -> n * 3_600_000;
        default -> n * 86_400_000;
      };
      pos = m.end();
    }
    if (pos != s.length()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }

  /** Formats like Go: {@code 2160h0m0s} becomes {@code 2160h}, {@code 90s} stays. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s == 0 && d.toMillis() > 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long h = s / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (sec > 0 || sb.isEmpty()) {
      sb.append(sec).append('s');
    }
    return sb.toString();
  }
}
