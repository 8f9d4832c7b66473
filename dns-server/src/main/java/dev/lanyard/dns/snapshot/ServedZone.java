package dev.lanyard.dns.snapshot;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.dns.zone.Journal;
import dev.lanyard.dns.zone.ZoneContent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One zone of one view as served: its content (with serial), its change journal, and the inputs it
 * was built from, so an unchanged zone is reused as is on the next update.
 */
public record ServedZone(Input input, ZoneContent content, Journal journal) {

  /** What a zone is built from; equal inputs give equal content. */
  public record Input(boolean synced, List<RecordSet> records, Map<String, Set<String>> challenges) {
    public Input {
      records = List.copyOf(records);
      challenges = Map.copyOf(challenges);
    }
  }
}
