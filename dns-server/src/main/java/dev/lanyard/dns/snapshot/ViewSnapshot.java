package dev.lanyard.dns.snapshot;

import dev.lanyard.dns.wire.CompiledZone;
import dev.lanyard.dns.wire.ParsedQuery;
import dev.lanyard.dns.zone.ViewContent;
import dev.lanyard.dns.zone.ZoneContent;
import java.util.List;
import org.xbill.DNS.Name;

/** Everything one view answers with: the zone contents and their compiled templates. */
public final class ViewSnapshot {
  private final String name;
  private final List<ServedZone> zones;
  private final ViewContent content;
  private final CompiledZone[] compiled;
  private final int recordCount;

  ViewSnapshot(String name, List<ServedZone> zones, ViewContent content, CompiledZone[] compiled) {
    this.name = name;
    this.zones = List.copyOf(zones);
    this.content = content;
    this.compiled = compiled.clone();
    this.recordCount = zones.stream().mapToInt(z -> z.content().recordCount()).sum();
  }

  public String name() {
    return name;
  }

  /** Zones in config order. */
  public List<ServedZone> zones() {
    return zones;
  }

  public ViewContent content() {
    return content;
  }

  public int recordCount() {
    return recordCount;
  }

  public ServedZone zone(Name origin) {
    for (ServedZone z : zones) {
      if (z.content().origin().equals(origin)) {
        return z;
      }
    }
    return null;
  }

  /** The compiled zone holding the query name (longest match), or null when none does. */
  public CompiledZone compiledFor(ParsedQuery q) {
    for (CompiledZone z : compiled) {
      if (z.contains(q)) {
        return z;
      }
    }
    return null;
  }

  /** The compiled form of the zone at {@code origin}, or null. */
  CompiledZone compiled(Name origin) {
    List<ZoneContent> sorted = content.zones();
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).origin().equals(origin)) {
        return compiled[i];
      }
    }
    return null;
  }
}
