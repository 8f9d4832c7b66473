package dev.lanyard.dns.snapshot;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.ViewConfig;
import dev.lanyard.core.config.ZoneConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.dns.wire.CompiledZone;
import dev.lanyard.dns.wire.ZoneCompiler;
import dev.lanyard.dns.zone.Journal;
import dev.lanyard.dns.zone.RecordCache;
import dev.lanyard.dns.zone.SerialStore;
import dev.lanyard.dns.zone.ViewContent;
import dev.lanyard.dns.zone.ZoneContent;
import dev.lanyard.dns.zone.ZoneContentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the next {@link Snapshot} from the previous one, a desired state and the challenge
 * overlay. Zones whose inputs did not change are reused; a zone whose content changed gets a new
 * serial and a journal entry; a view with any changed zone is compiled again.
 */
public final class SnapshotBuilder {

  /** A zone whose serial changed in a view: secondaries should hear about it. */
  public record Change(String view, String zone, long serial) {}

  public record Result(Snapshot snapshot, List<Change> changes, Set<String> warnings) {}

  private final LanyardConfig config;
  private final SerialStore serials;
  private final int maxDiffs;

  public SnapshotBuilder(LanyardConfig config, SerialStore serials, int maxDiffs) {
    this.config = config;
    this.serials = serials;
    this.maxDiffs = maxDiffs;
  }

  /**
   * @param previous the snapshot being replaced, or null at start
   * @param state the latest desired state, or null before any arrived
   * @param synced true once a state from synced sources arrived; before that only config data and
   *     challenges are served and negative answers are SERVFAIL
   * @param challenges ACME TXT values by name, visible in every view
   */
  public Result build(Snapshot previous, DesiredState state, boolean synced, Map<String, Set<String>> challenges) {
    List<ViewSnapshot> views = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    Set<String> warnings = new TreeSet<>();
    Map<String, Map<String, Set<String>>> challengesByZone = byZone(challenges);
    for (int v = 0; v < config.views().size(); v++) {
      ViewConfig view = config.views().get(v);
      ViewSnapshot before = previous == null ? null : previous.view(v);
      Map<String, List<RecordSet>> records = synced && state != null
          ? recordsByZone(state.view(view.name())) : Map.of();
      List<ServedZone> zones = new ArrayList<>();
      boolean changed = before == null;
      for (ZoneConfig zone : config.zones()) {
        ServedZone old = before == null ? null : before.zone(ZoneContentBuilder.name(zone.name()));
        ServedZone.Input input = new ServedZone.Input(synced, records.getOrDefault(zone.name(), List.of()),
            challengesByZone.getOrDefault(zone.name(), Map.of()));
        if (old != null && old.input().equals(input)) {
          zones.add(old);
          continue;
        }
        ServedZone next = rebuild(view.name(), zone, input, old, warnings::add);
        zones.add(next);
        if (old == null || next.content() != old.content()) {
          changed = true;
        }
        if (synced && (old == null || old.content().serial() != next.content().serial()
            || !old.content().synced())) {
          changes.add(new Change(view.name(), zone.name(), next.content().serial()));
        }
      }
      views.add(changed ? compile(view.name(), zones, before) : before);
    }
    return new Result(new Snapshot(views, synced), changes, warnings);
  }

  private ServedZone rebuild(String view, ZoneConfig zone, ServedZone.Input input, ServedZone old,
      java.util.function.Consumer<String> warn) {
    ZoneContent built = ZoneContentBuilder.build(zone, 0, input.synced(), input.records(), input.challenges(),
        w -> warn.accept("view " + view + ": " + w), old == null ? RecordCache.empty() : old.content().cache());
    if (old != null && old.content().synced() == input.synced() && built.sameContent(old.content())) {
      return new ServedZone(input, old.content(), old.journal());
    }
    long serial = input.synced() ? serials.next(view, zone.name(), built.digest()) : serials.current(view, zone.name());
    ZoneContent content = built.withSerial(serial);
    Journal journal = Journal.empty();
    if (old != null && old.content().synced() && input.synced()) {
      journal = old.content().serial() == serial ? old.journal() : old.journal().append(old.content(), content, maxDiffs);
    }
    return new ServedZone(input, content, journal);
  }

  private static ViewSnapshot compile(String view, List<ServedZone> zones, ViewSnapshot before) {
    List<ZoneContent> contents = zones.stream().map(ServedZone::content).toList();
    ViewContent content = new ViewContent(contents);
    CompiledZone[] compiled = content.zones().stream()
        .map(z -> {
          ServedZone old = before == null ? null : before.zone(z.origin());
          CompiledZone oldCompiled = before == null ? null : before.compiled(z.origin());
          return ZoneCompiler.compile(content, z, old == null ? null : old.content(), oldCompiled);
        })
        .toArray(CompiledZone[]::new);
    return new ViewSnapshot(view, zones, content, compiled);
  }

  private Map<String, List<RecordSet>> recordsByZone(Optional<ViewRecords> view) {
    Map<String, List<RecordSet>> out = new LinkedHashMap<>();
    view.ifPresent(vr -> vr.records().forEach(rs -> config.zoneFor(rs.name())
        .ifPresent(z -> out.computeIfAbsent(z.name(), k -> new ArrayList<>()).add(rs))));
    return out;
  }

  private Map<String, Map<String, Set<String>>> byZone(Map<String, Set<String>> challenges) {
    Map<String, Map<String, Set<String>>> out = new LinkedHashMap<>();
    challenges.forEach((name, values) -> config.zoneFor(name).ifPresent(z -> out
        .computeIfAbsent(z.name(), k -> new TreeMap<>()).put(name, Set.copyOf(new LinkedHashSet<>(values)))));
    return out;
  }
}
