package dev.lanyard.sync.source;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.sync.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Selects, from the desired state, what one provider should hold. */
public final class DesiredRecords {

  private DesiredRecords() {}

  /**
   * The union of the record sets of {@code views}, limited to {@code zones}. A name belongs to the
   * first view (in the provider's order) that has it; when a later view holds other values for it,
   * a note says so.
   */
  public static ProviderRecords forProvider(DesiredState state, List<String> views, List<String> zones) {
    Map<String, String> claimedBy = new LinkedHashMap<>();
    Map<String, Map<RecordType, RecordSet>> byName = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (String viewName : views) {
      Optional<ViewRecords> view = state.view(viewName);
      if (view.isEmpty()) {
        continue;
      }
      for (RecordSet rs : view.get().records()) {
        if (!inZones(rs.name(), zones)) {
          continue;
        }
        String owner = claimedBy.putIfAbsent(rs.name(), viewName);
        if (owner == null || owner.equals(viewName)) {
          byName.computeIfAbsent(rs.name(), n -> new EnumMap<>(RecordType.class)).put(rs.type(), rs);
          continue;
        }
        RecordSet first = byName.get(rs.name()).get(rs.type());
        if (first == null || !first.values().equals(rs.values())) {
          notes.add(rs.name() + " " + rs.type() + ": view " + viewName + " holds " + rs.values() + ", view " + owner
              + " holds " + (first == null ? "no " + rs.type() + " record" : first.values()) + "; using view " + owner
              + " (first in the provider's views)");
        }
      }
    }
    List<Endpoint> endpoints = byName.values().stream()
        .flatMap(m -> m.values().stream())
        .sorted(ViewRecords.ORDER)
        .map(Endpoint::fromRecordSet)
        .toList();
    return new ProviderRecords(endpoints, notes);
  }

  /** Why deletes must wait, or empty when every source is synced and loaded without errors. */
  public static Optional<String> deletesWithheld(DesiredState state) {
    List<String> reasons = new ArrayList<>();
    for (SourceStatus s : state.sources()) {
      if (!s.synced()) {
        reasons.add("source \"" + s.name() + "\" has not synced yet");
      } else if (!s.complete()) {
        String first = s.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR)
            .map(Problem::toString).findFirst().orElse("errors");
        reasons.add("source \"" + s.name() + "\" failed to load: " + first);
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static boolean inZones(String name, List<String> zones) {
    return zones.isEmpty() || zones.stream().anyMatch(z -> Hostnames.isInZone(name, z));
  }
}
