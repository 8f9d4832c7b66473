package dev.lanyard.dns;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.Hostnames;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * ACME DNS-01 TXT values served by Lanyard itself (the "self" solver), visible in every view. A
 * change rebuilds the zone it falls in, so its serial rises and secondaries are notified: a CA may
 * ask any of the zone's name servers.
 */
final class ChallengeOverlay implements TxtRecordPublisher {
  private final LanyardConfig config;
  private final Object lock;
  private final Consumer<Map<String, Set<String>>> onChange;
  private final Map<String, Set<String>> values = new TreeMap<>();

  ChallengeOverlay(LanyardConfig config, Object lock, Consumer<Map<String, Set<String>>> onChange) {
    this.config = config;
    this.lock = lock;
    this.onChange = onChange;
  }

  @Override
  public void add(String fqdn, String value) throws IOException {
    String name = check(fqdn);
    synchronized (lock) {
      if (values.computeIfAbsent(name, k -> new TreeSet<>()).add(value)) {
        onChange.accept(snapshot());
      }
    }
  }

  @Override
  public void remove(String fqdn, String value) throws IOException {
    String name = check(fqdn);
    synchronized (lock) {
      Set<String> set = values.get(name);
      if (set != null && set.remove(value)) {
        if (set.isEmpty()) {
          values.remove(name);
        }
        onChange.accept(snapshot());
      }
    }
  }

  /** The current values, copied; call with the lock held. */
  Map<String, Set<String>> snapshot() {
    Map<String, Set<String>> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return copy;
  }

  private String check(String fqdn) throws IOException {
    String name = Hostnames.parse(fqdn).orElseThrow(() -> new IOException("\"" + fqdn + "\" is not a DNS name"));
    if (Hostnames.isWildcard(name)) {
      throw new IOException("\"" + fqdn + "\" is a wildcard; a challenge needs a plain name");
    }
    if (config.zoneFor(name).isEmpty()) {
      throw new IOException(name + " is in none of the zones Lanyard serves ("
          + config.zones().stream().map(z -> z.name()).toList() + "); the self solver cannot publish it");
    }
    return name;
  }
}
