package dev.lanyard.core.translate;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.config.ViewConfig;
import dev.lanyard.core.config.ZoneConfig;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.ViewRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges claims into record sets. Several objects naming one host in one view: their addresses
 * are unioned. A CNAME never shares its name with other data: addresses (or TXT) win over a
 * CNAME, and among CNAMEs the oldest object wins (then the lowest {@code kind/ns/name}). Every
 * dropped claim is reported, so no clash ever becomes an invalid answer.
 */
final class RecordMerger {
  private static final Comparator<Contribution> OLDEST_FIRST = Comparator
      .comparing((Contribution c) -> c.created().isEmpty())
      .thenComparing(Contribution::created)
      .thenComparing(c -> c.resource().toString());

  private final LanyardConfig config;

  RecordMerger(LanyardConfig config) {
    this.config = config;
  }

  List<ViewRecords> merge(List<Contribution> claims, Problems problems) {
    Map<String, Map<String, List<Contribution>>> byViewAndName = new LinkedHashMap<>();
    for (ViewConfig v : config.views()) {
      byViewAndName.put(v.name(), new TreeMap<>());
    }
    for (Contribution c : claims) {
      if (!inManagedZone(c.name())) {
        problems.warn(c.resource(), c.name() + " is outside every configured zone " + zoneNames() + "; not served");
        continue;
      }
      if (c.type() == RecordType.CNAME && config.zones().stream().anyMatch(z -> z.name().equals(c.name()))) {
        problems.warn(c.resource(), c.name() + " is a zone apex and cannot be a CNAME (to " + c.values().get(0) + "); dropped");
        continue;
      }
      Map<String, List<Contribution>> byName = byViewAndName.get(c.view());
      if (byName != null) {
        byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
      }
    }
    List<ViewRecords> out = new ArrayList<>();
    for (ViewConfig v : config.views()) {
      List<RecordSet> sets = new ArrayList<>();
      for (Map.Entry<String, List<Contribution>> e : byViewAndName.get(v.name()).entrySet()) {
        sets.addAll(mergeName(v.name(), e.getKey(), e.getValue(), problems));
      }
      out.add(new ViewRecords(v.name(), v.isPublic(), sets));
    }
    return out;
  }

  private List<RecordSet> mergeName(String view, String name, List<Contribution> claims, Problems problems) {
    Map<RecordType, List<Contribution>> byType = new EnumMap<>(RecordType.class);
    for (Contribution c : claims) {
      byType.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c);
    }
    List<Contribution> cnames = byType.remove(RecordType.CNAME);
    if (cnames != null) {
      if (!byType.isEmpty()) {
        List<String> holders = byType.values().stream().flatMap(List::stream)
            .map(c -> c.resource().toString()).distinct().sorted().toList();
        for (Contribution c : cnames) {
          problems.warn(c.resource(), name + " in view " + view + ": CNAME to " + c.values().get(0)
              + " clashes with " + byType.keySet() + " records from " + holders + "; the addresses win");
        }
      } else {
        List<Contribution> sorted = cnames.stream().sorted(OLDEST_FIRST).toList();
        Contribution winner = sorted.get(0);
        for (Contribution c : sorted) {
          if (!c.values().equals(winner.values())) {
            problems.warn(c.resource(), name + " in view " + view + ": CNAME to " + c.values().get(0)
                + " clashes with CNAME to " + winner.values().get(0) + " from " + winner.resource() + ", which is older; dropped");
          }
        }
        byType.put(RecordType.CNAME, sorted.stream().filter(c -> c.values().equals(winner.values())).toList());
      }
    }
    List<RecordSet> out = new ArrayList<>();
    for (Map.Entry<RecordType, List<Contribution>> e : byType.entrySet()) {
      TreeSet<String> values = new TreeSet<>();
      TreeSet<String> resources = new TreeSet<>();
      Map<String, String> ps = new TreeMap<>();
      long ttl = Long.MAX_VALUE;
      List<Contribution> ordered = e.getValue().stream().sorted(Comparator.comparing(c -> c.resource().toString())).toList();
      for (Contribution c : ordered) {
        values.addAll(c.values());
        resources.add(c.resource().toString());
        c.providerSpecific().forEach(ps::putIfAbsent);
        ttl = Math.min(ttl, c.ttl().orElse(defaultTtl(name)));
      }
      out.add(new RecordSet(name, e.getKey(), ttl, List.copyOf(values), List.copyOf(resources), ps));
    }
    return out;
  }

  private long defaultTtl(String name) {
    return config.zoneFor(name).map(ZoneConfig::ttl).orElse(300L);
  }

  private boolean inManagedZone(String name) {
    if (config.zoneFor(name).isPresent()) {
      return true;
    }
    for (SyncConfig.Provider p : config.sync().providers()) {
      for (String z : p.zones()) {
        if (Hostnames.isInZone(name, z)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<String> zoneNames() {
    return config.zones().stream().map(ZoneConfig::name).toList();
  }
}
