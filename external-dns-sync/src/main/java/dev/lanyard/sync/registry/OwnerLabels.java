package dev.lanyard.sync.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The value of an ownership TXT in external-dns's format:
 * {@code heritage=external-dns,external-dns/owner=<id>,external-dns/resource=<kind>/<ns>/<name>}.
 * Here the value is the unquoted string; providers add quotes where they store them (Cloudflare).
 */
public final class OwnerLabels {
  private static final String HERITAGE = "external-dns";
  private static final String KEY_PREFIX = HERITAGE + "/";

  private OwnerLabels() {}

  /** {@code heritage} first, then the labels sorted by key, as external-dns writes them. */
  public static String serialize(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("heritage=").append(HERITAGE);
    new TreeMap<>(labels).forEach((k, v) -> sb.append(',').append(KEY_PREFIX).append(k).append('=').append(v));
    return sb.toString();
  }

  /**
   * The labels of a TXT value, or empty when it carries no {@code heritage=external-dns} (then it is
   * an ordinary TXT record). Surrounding quotes are ignored; tokens without exactly one {@code =} are
   * skipped, as external-dns does.
   */
  public static Optional<Map<String, String>> parse(String value) {
    String text = stripQuotes(value.trim());
    Map<String, String> labels = new LinkedHashMap<>();
    boolean heritage = false;
    for (String token : text.split(",", -1)) {
      String[] kv = token.split("=", -1);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].equals("heritage")) {
        if (!kv[1].equals(HERITAGE)) {
          return Optional.empty();
        }
        heritage = true;
      } else if (kv[0].startsWith(KEY_PREFIX)) {
        labels.put(kv[0].substring(KEY_PREFIX.length()), kv[1]);
      }
    }
    return heritage ? Optional.of(Map.copyOf(labels)) : Optional.empty();
  }

  private static String stripQuotes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '"') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '"') {
      end--;
    }
    return s.substring(start, end);
  }
}
