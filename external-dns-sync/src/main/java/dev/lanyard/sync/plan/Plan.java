package dev.lanyard.sync.plan;

import java.util.List;
import java.util.Optional;

/**
 * What one provider needs so that it holds the desired records: changes in the order they must be
 * applied within a name (replaced records first), conflicts left for the user, and why deletes were
 * held back if they were.
 */
public record Plan(List<Change> changes, List<Conflict> conflicts, Optional<String> deletesWithheld) {

  public Plan {
    changes = List.copyOf(changes);
    conflicts = List.copyOf(conflicts);
  }

  /** True when applying it would change nothing (conflicts alone change nothing). */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public List<Change.Create> creates() {
    return changes.stream().filter(Change.Create.class::isInstance).map(Change.Create.class::cast).toList();
  }

  public List<Change.Update> updates() {
    return changes.stream().filter(Change.Update.class::isInstance).map(Change.Update.class::cast).toList();
  }

  public List<Change.Delete> deletes() {
    return changes.stream().filter(Change.Delete.class::isInstance).map(Change.Delete.class::cast).toList();
  }
}
