package dev.lanyard.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The records one view serves, sorted by name then type. */
public record ViewRecords(String view, boolean isPublic, List<RecordSet> records) {

  public static final Comparator<RecordSet> ORDER =
      Comparator.comparing(RecordSet::name).thenComparing(RecordSet::type);

  public ViewRecords {
    records = records.stream().sorted(ORDER).toList();
  }

  public Optional<RecordSet> find(String name, RecordType type) {
    return records.stream().filter(r -> r.name().equals(name) && r.type() == type).findFirst();
  }
}
