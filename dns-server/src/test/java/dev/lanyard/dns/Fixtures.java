package dev.lanyard.dns;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The zones, views and records the DNS tests share. */
final class Fixtures {
  static final long SERIAL = 1_700_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(SERIAL), ZoneOffset.UTC);

  /** Two zones; example.com's first name server is in the zone and has glue, the second is not. */
  static final String ZONES = """
      zones:
        - name: example.com
          ttl: 300
          nameservers:
            - name: ns1.example.com
              addresses: [192.0.2.53, "2001:db8::53"]
            - name: ns2.example.net
          soa: {refresh: 1h, retry: 10m, expire: 7d, minimum: 60s}
        - name: example.org
          ttl: 300
          nameservers:
            - name: ns1.example.com
      sources:
        kubernetes: {enabled: true}
      """;

  private Fixtures() {}

  static LanyardConfig config(Path dir, String extra) {
    try {
      return ConfigLoader.parse(ZONES + extra, dir.resolve("test.yaml"), dir);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The default single-view config listening on an ephemeral port of 127.0.0.1. */
  static LanyardConfig config(Path dir) {
    return config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
        """);
  }

  static RecordSet rs(String name, RecordType type, String... values) {
    return RecordSet.of(name, type, 300, values);
  }

  /** The records every behaviour test is written against. */
  static List<RecordSet> records() {
    return List.of(
        rs("example.com", RecordType.A, "192.0.2.1"),
        rs("www.example.com", RecordType.A, "192.0.2.10", "192.0.2.11"),
        rs("www.example.com", RecordType.AAAA, "2001:db8::10"),
        rs("alias.example.com", RecordType.CNAME, "www.example.com"),
        rs("chain.example.com", RecordType.CNAME, "alias.example.com"),
        rs("ext.example.com", RecordType.CNAME, "target.example.net"),
        rs("dangling.example.com", RecordType.CNAME, "nothere.example.com"),
        rs("*.apps.example.com", RecordType.A, "192.0.2.20"),
        rs("real.apps.example.com", RecordType.A, "192.0.2.21"),
        rs("deep.ent.example.com", RecordType.A, "192.0.2.30"),
        rs("*.wild.example.com", RecordType.CNAME, "www.example.com"),
        rs("txt.example.com", RecordType.TXT, "hello world"),
        rs("cross.example.com", RecordType.CNAME, "host.example.org"),
        rs("host.example.org", RecordType.A, "198.51.100.1"));
  }

  /** Many TXT strings at one name: more than 1232 bytes, so UDP answers are truncated. */
  static RecordSet bigTxt() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      values.add("value-" + i + "-" + "x".repeat(40));
    }
    return new RecordSet("big.example.com", RecordType.TXT, 300, values, List.of(), Map.of());
  }

  static DesiredState state(long generation, boolean synced, Map<String, List<RecordSet>> byView) {
    List<ViewRecords> views = new ArrayList<>();
    byView.forEach((v, rs) -> views.add(new ViewRecords(v, false, rs)));
    return new DesiredState(generation, Instant.EPOCH, views, List.of(), List.of(),
        List.of(new SourceStatus("test", synced, List.of(), Optional.empty())));
  }

  static DesiredState state(long generation, List<RecordSet> records) {
    Map<String, List<RecordSet>> m = new LinkedHashMap<>();
    m.put("default", records);
    return state(generation, true, m);
  }
}
