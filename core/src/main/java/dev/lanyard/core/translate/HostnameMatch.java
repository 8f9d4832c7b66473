package dev.lanyard.core.translate;

import dev.lanyard.core.model.Hostnames;
import java.util.Optional;

/**
 * Gateway API hostname intersection between a listener and a route, as external-dns implements
 * it (compat.md B 1.4): an empty side matches anything, {@code *.x} matches deeper names but
 * never {@code x}, and the more specific name is the result.
 */
public final class HostnameMatch {
  private HostnameMatch() {}

  /**
   * @param listener the listener hostname, {@code ""} when unset
   * @param route the route hostname, {@code ""} meaning "take the listener's"
   * @return the resulting host, {@code ""} when both are empty, or empty when they do not match
   */
  public static Optional<String> intersect(String listener, String route) {
    String l = listener == null ? "" : Hostnames.normalize(listener);
    String r = route == null ? "" : Hostnames.normalize(route);
    if (!l.isEmpty() && !Hostnames.isValid(l) || !r.isEmpty() && !Hostnames.isValid(r)) {
      return Optional.empty();
    }
    if (l.isEmpty()) {
      return Optional.of(r);
    }
    if (r.isEmpty() || l.equals(r)) {
      return Optional.of(l);
    }
    String shorter = l;
    String longer = r;
    if (r.length() < l.length() || r.length() == l.length() && Hostnames.isWildcard(r)) {
      shorter = r;
      longer = l;
    }
    if (!Hostnames.isWildcard(shorter)) {
      return Optional.empty();
    }
    String suffix = shorter.substring(1);
    return longer.endsWith(suffix) ? Optional.of(longer) : Optional.empty();
  }
}
