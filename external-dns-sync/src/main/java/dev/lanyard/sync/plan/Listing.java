package dev.lanyard.sync.plan;

import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's records as a value: what a listing returned, and what it becomes once changes are
 * applied. Providers keep one between full reconciles, so a single changed route is planned without
 * listing the zone again.
 */
public record Listing(List<Endpoint> records) {

  public Listing {
    records = List.copyOf(records);
  }

  /** The records after {@code changes} succeeded. Labels are dropped: a provider stores none. */
  public Listing apply(List<? extends Change> changes) {
    Map<EndpointKey, Endpoint> byKey = new TreeMap<>();
    records.forEach(e -> byKey.put(e.key(), e));
    for (Change c : changes) {
      switch (c) {
        case Change.Delete d -> byKey.remove(d.key());
        case Change.Create cr -> byKey.put(cr.key(), cr.endpoint().withLabels(Map.of()));
        case Change.Update u -> byKey.put(u.key(), u.endpoint().withLabels(Map.of()));
      }
    }
    return new Listing(List.copyOf(byKey.values()));
  }
}
