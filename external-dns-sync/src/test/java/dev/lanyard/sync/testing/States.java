package dev.lanyard.sync.testing;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Desired states for tests: views of record sets, with sources synced or not. */
public final class States {
  private static final AtomicLong GENERATION = new AtomicLong();

  private States() {}

  public static DesiredState of(ViewRecords... views) {
    return new DesiredState(GENERATION.incrementAndGet(), Instant.now(), List.of(views), List.of(), List.of(),
        List.of(new SourceStatus("manifests", true, List.of(), Optional.empty())));
  }

  public static DesiredState unsynced(ViewRecords... views) {
    return new DesiredState(GENERATION.incrementAndGet(), Instant.now(), List.of(views), List.of(), List.of(),
        List.of(new SourceStatus("kubernetes", false, List.of(), Optional.empty())));
  }

  public static DesiredState broken(String error, ViewRecords... views) {
    return new DesiredState(GENERATION.incrementAndGet(), Instant.now(), List.of(views), List.of(), List.of(),
        List.of(new SourceStatus("manifests", true, List.of(Problem.error("apps/app.yaml:3", error)), Optional.empty())));
  }

  public static ViewRecords view(String name, boolean isPublic, RecordSet... records) {
    return new ViewRecords(name, isPublic, List.of(records));
  }

  public static ViewRecords view(String name, List<RecordSet> records) {
    return new ViewRecords(name, true, records);
  }

  public static RecordSet a(String name, String... ips) {
    return route(name, RecordType.A, 300, Map.of(), ips);
  }

  public static RecordSet route(String name, RecordType type, long ttl, Map<String, String> props, String... values) {
    String route = "httproute/default/" + name.split("\\.")[0].replace("*", "wildcard");
    return new RecordSet(name, type, ttl, List.of(values), List.of(route), props);
  }

  /** {@code n} routes {@code r0.zone .. r(n-1).zone}, each with one A record. */
  public static List<RecordSet> routes(int n, String zone) {
    List<RecordSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(a("r" + i + "." + zone, "198.51." + (100 + i / 250) + "." + (i % 250 + 1)));
    }
    return out;
  }
}
