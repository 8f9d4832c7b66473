package dev.lanyard.acme.dns;

import dev.lanyard.core.model.Hostnames;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the CNAMEs of a challenge name, as a CA does, so a delegated {@code _acme-challenge}
 * (pointing into a zone Lanyard or a provider can write) is published where the CA will look.
 */
final class CnameChain {
  static final int MAX_HOPS = 8;

  /** The CNAME target of a name, or empty when the name is not a CNAME. */
  @FunctionalInterface
  interface Lookup {
    Optional<String> cname(String name) throws IOException;
  }

  private CnameChain() {}

  static String follow(String name, Lookup lookup) throws IOException {
    String current = Hostnames.normalize(name);
    Set<String> seen = new LinkedHashSet<>();
    seen.add(current);
    for (int hop = 0; hop <= MAX_HOPS; hop++) {
      Optional<String> next = lookup.cname(current).map(Hostnames::normalize);
      if (next.isEmpty()) {
        return current;
      }
      if (!seen.add(next.get())) {
        throw new IOException("CNAME loop at " + name + ": " + String.join(" -> ", seen) + " -> " + next.get());
      }
      current = next.get();
    }
    throw new IOException("more than " + MAX_HOPS + " CNAMEs from " + name + ": " + String.join(" -> ", seen));
  }
}
