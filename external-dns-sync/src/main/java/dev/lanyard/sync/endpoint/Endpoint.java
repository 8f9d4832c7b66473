package dev.lanyard.sync.endpoint;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One record set as the sync sees it, after external-dns's {@code Endpoint}: the desired side (from
 * the views) and the provider side (from a listing) use the same shape, so the planner compares like
 * with like.
 *
 * @param name normalized host name, no trailing dot
 * @param ttl seconds; providers normalize it (Cloudflare: 1 means automatic)
 * @param targets sorted, unique; TXT values are the unquoted strings
 * @param labels ownership labels from the TXT registry ({@code owner}, {@code resource}); empty when unowned
 * @param providerSpecific properties the provider compares, such as {@code cloudflare-proxied}
 */
public record Endpoint(
    String name,
    RecordType type,
    long ttl,
    List<String> targets,
    Map<String, String> labels,
    Map<String, String> providerSpecific) {

  public static final String OWNER = "owner";
  public static final String RESOURCE = "resource";

  public Endpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    targets = List.copyOf(new TreeSet<>(targets));
    labels = Map.copyOf(labels);
    providerSpecific = Map.copyOf(providerSpecific);
  }

  public static Endpoint of(String name, RecordType type, long ttl, String... targets) {
    return new Endpoint(name, type, ttl, List.of(targets), Map.of(), Map.of());
  }

  /** The desired endpoint of a record set; its first resource becomes the {@code resource} label. */
  public static Endpoint fromRecordSet(RecordSet rs) {
    Map<String, String> labels = rs.resources().isEmpty() ? Map.of() : Map.of(RESOURCE, rs.resources().get(0));
    return new Endpoint(rs.name(), rs.type(), rs.ttl(), rs.values(), labels, rs.providerSpecific());
  }

  public EndpointKey key() {
    return new EndpointKey(name, type);
  }

  public Optional<String> owner() {
    return Optional.ofNullable(labels.get(OWNER));
  }

  public Optional<String> resource() {
    return Optional.ofNullable(labels.get(RESOURCE));
  }

  public Endpoint withTtl(long newTtl) {
    return new Endpoint(name, type, newTtl, targets, labels, providerSpecific);
  }

  public Endpoint withTargets(List<String> newTargets) {
    return new Endpoint(name, type, ttl, newTargets, labels, providerSpecific);
  }

  public Endpoint withLabels(Map<String, String> newLabels) {
    return new Endpoint(name, type, ttl, targets, newLabels, providerSpecific);
  }

  public Endpoint withLabel(String key, String value) {
    Map<String, String> l = new HashMap<>(labels);
    l.put(key, value);
    return withLabels(l);
  }

  public Endpoint withProviderSpecific(Map<String, String> properties) {
    return new Endpoint(name, type, ttl, targets, labels, properties);
  }

  /** True when the provider would serve exactly this: same targets, TTL and provider properties. */
  public boolean sameRecordsAs(Endpoint other) {
    return targets.equals(other.targets) && ttl == other.ttl && providerSpecific.equals(other.providerSpecific);
  }

  /** {@code app.example.com 300 A [192.0.2.1] {cloudflare-proxied=false}}, for plans and logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(name).append(' ').append(ttl).append(' ').append(type).append(' ');
    sb.append(type == RecordType.TXT ? targets.stream().map(t -> "\"" + t + "\"").toList() : targets);
    if (!providerSpecific.isEmpty()) {
      sb.append(' ').append(new TreeMap<>(providerSpecific));
    }
    return sb.toString();
  }
}
