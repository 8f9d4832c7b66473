package dev.lanyard.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All records of one name and type in one view, e.g. {@code app.example.com A [10.0.0.1, 10.0.0.2]}.
 *
 * @param name normalized host name (see {@link Hostnames})
 * @param values A/AAAA: IP literals; CNAME: one target name; TXT: the unquoted strings. Sorted, unique.
 * @param resources the objects this set came from, such as {@code httproute/default/app}, sorted
 * @param providerSpecific external-dns style properties keyed by annotation suffix, for example
 *     {@code cloudflare-proxied -> true}
 */
public record RecordSet(
    String name,
    RecordType type,
    long ttl,
    List<String> values,
    List<String> resources,
    Map<String, String> providerSpecific) {

  public static final String CLOUDFLARE_PROXIED = "cloudflare-proxied";

  public RecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(new TreeSet<>(values));
    resources = List.copyOf(new TreeSet<>(resources));
    providerSpecific = Map.copyOf(providerSpecific);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("record set " + name + " " + type + " has no values");
    }
  }

  public static RecordSet of(String name, RecordType type, long ttl, String... values) {
    return new RecordSet(name, type, ttl, List.of(values), List.of(), Map.of());
  }

  /**
   * The {@code cloudflare-proxied} property, read as external-dns reads it (Go's ParseBool:
   * 1, t, T, TRUE, true, True and their false twins); empty when unset or unreadable.
   */
  public Optional<Boolean> proxied() {
    String v = providerSpecific.get(CLOUDFLARE_PROXIED);
    if (v == null) {
      return Optional.empty();
    }
    return switch (v.trim()) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  public RecordSet withValues(List<String> newValues) {
    return new RecordSet(name, type, ttl, newValues, resources, providerSpecific);
  }

  public RecordSet withTtl(long newTtl) {
    return new RecordSet(name, type, newTtl, values, resources, providerSpecific);
  }

  /** Sorted view of the provider-specific properties, for stable printing. */
  public Map<String, String> sortedProviderSpecific() {
    return new TreeMap<>(providerSpecific);
  }

  @Override
  public String toString() {
    return name + " " + ttl + " " + type + " " + values;
  }
}
