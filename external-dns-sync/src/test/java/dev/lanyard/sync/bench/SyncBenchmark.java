package dev.lanyard.sync.bench;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.sync.SyncResult;
import dev.lanyard.sync.SyncService;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import dev.lanyard.sync.registry.OwnerLabels;
import dev.lanyard.sync.testing.Configs;
import dev.lanyard.sync.testing.States;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provider sync request counts and change latency against the Cloudflare fake, for Lanyard and for
 * external-dns's documented algorithm, written into the "## Provider sync" section of a markdown
 * file ({@code bench/sync.sh} passes docs/benchmarks.md).
 */
public final class SyncBenchmark {
  private static final String TOKEN = "bench-token";
  private static final String ZONE = "example.com";
  private static final int ROUTES = 1000;
  private static final int CHANGES = 20;

  private SyncBenchmark() {}

  record Count(long total, long lists, long writes) {
    static Count of(FakeCloudflare f) {
      return new Count(f.totalRequests(), f.listRequests(), f.writeRequests());
    }
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    StringBuilder md = new StringBuilder();
    lanyard(md);
    externalDns(md);
    write(out, md.toString());
    System.out.print(md);
  }

  private static List<RecordSet> routes(int changed) {
    List<RecordSet> rs = new ArrayList<>(States.routes(ROUTES, ZONE));
    if (changed > 0) {
      rs.set(changed % ROUTES, States.a("r" + (changed % ROUTES) + "." + ZONE, "203.0.113." + (changed % 250 + 1)));
    }
    return rs;
  }

  private static DesiredState state(List<RecordSet> rs) {
    return States.of(States.view("public", rs));
  }

  private static Count lanyardInitial;
  private static Count lanyardSteady;
  private static Count lanyardChange;
  private static Count lanyardBurst;
  private static double medianMs;
  private static double maxMs;

  private static void lanyard(StringBuilder md) throws Exception {
    Path dir = Files.createTempDirectory("lanyard-sync-bench");
    try (FakeCloudflare fake = FakeCloudflare.builder().token(TOKEN).zone(ZONE).recordQuota(3500).batchLimit(200).start()) {
      LanyardConfig config = Configs.withSync(dir, Configs.cloudflare(dir, fake.baseUrl(), TOKEN, "").replace(
          "debounce: 200ms", "debounce: 1s"));
      try (SyncService service = new SyncService(config, new SimpleMeterRegistry())) {
        SyncResult first = service.syncOnce(state(routes(0)));
        check(first);
        lanyardInitial = Count.of(fake);
        if (fake.records(ZONE).size() != 2 * ROUTES) {
          throw new IllegalStateException("initial sync left " + fake.records(ZONE).size() + " records");
        }
        fake.resetCounters();
        check(service.syncOnce(state(routes(0))));
        lanyardSteady = Count.of(fake);

        service.update(state(routes(0)));
        service.start();
        waitFor(() -> service.status().get(0).lastSync().isPresent(), Duration.ofSeconds(30));
        Thread.sleep(200);
        fake.resetCounters();
        List<Double> latencies = new ArrayList<>();
        List<RecordSet> rs = new ArrayList<>(routes(0));
        for (int i = 1; i <= CHANGES; i++) {
          String name = "r" + i + "." + ZONE;
          String want = "203.0.113." + i;
          rs.set(i, States.a(name, want)); // exactly one route differs from the previous state
          long t0 = System.nanoTime();
          service.update(state(List.copyOf(rs)));
          waitFor(() -> fake.records(ZONE, name, "A").stream().map(FakeRecord::content).toList().equals(List.of(want)),
              Duration.ofSeconds(10));
          latencies.add((System.nanoTime() - t0) / 1e6);
          Thread.sleep(50);
        }
        lanyardChange = Count.of(fake);
        latencies.sort(Double::compare);
        medianMs = latencies.get(latencies.size() / 2);
        maxMs = latencies.get(latencies.size() - 1);

        fake.resetCounters();
        List<RecordSet> burst = new ArrayList<>(rs);
        for (int i = 100; i < 150; i++) {
          burst.set(i, States.a("r" + i + "." + ZONE, "192.0.2." + (i - 99)));
        }
        service.update(state(burst));
        waitFor(() -> fake.records(ZONE, "r149." + ZONE, "A").stream().anyMatch(r -> r.content().equals("192.0.2.50")),
            Duration.ofSeconds(10));
        Thread.sleep(200);
        lanyardBurst = Count.of(fake);
      }
    }
    md.append("Measured by `bench/sync.sh` (").append(LocalDate.now()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
        .append(") with `SyncBenchmark` against the")
        .append(" Cloudflare fake's request counter: ").append(ROUTES).append(" HTTPRoutes with one A record each")
        .append(" in one zone, plus an ownership TXT per record (").append(2 * ROUTES).append(" Cloudflare records).")
        .append(" Lanyard settings: `recordsPerPage: 5000` (default), `debounce: 1s` (default), batches of 200.")
        .append(" A Free zone holds 1,000 records at most (200 if created after September 2024), so 1,000 routes")
        .append(" with TXT ownership need a paid zone; the fake ran with a quota of 3,500.\n\n");
  }

  private static Count edInitial;
  private static Count edSteady;
  private static Count edChange;
  private static Count edSteady5000;
  private static Count edChange5000;

  private static void externalDns(StringBuilder md) throws Exception {
    for (int perPage : new int[] {100, 5000}) {
      try (FakeCloudflare fake = FakeCloudflare.builder().token(TOKEN).zone(ZONE).recordQuota(3500).start()) {
        ExternalDnsAlgorithm ed = new ExternalDnsAlgorithm(fake.baseUrl(), TOKEN, perPage);
        ed.reconcile(externalDnsRecords(0));
        if (perPage == 100) {
          edInitial = Count.of(fake);
        }
        fake.resetCounters();
        ed.reconcile(externalDnsRecords(0));
        Count steady = Count.of(fake);
        fake.resetCounters();
        ed.reconcile(externalDnsRecords(1));
        Count change = Count.of(fake);
        if (perPage == 100) {
          edSteady = steady;
          edChange = change;
        } else {
          edSteady5000 = steady;
          edChange5000 = change;
        }
      }
    }
    md.append("| case | Lanyard | external-dns (per_page 100, default) | external-dns (per_page 5000) | ratio (default) |\n")
        .append("|---|---|---|---|---|\n");
    row(md, "initial sync of 1,000 routes into an empty zone (requests)", lanyardInitial.total(),
        edInitial.total(), edInitial.total());
    row(md, "steady state, one full reconcile (requests; writes)", lanyardSteady, edSteady, edSteady5000);
    long perTenMinutesLanyard = lanyardSteady.total(); // one full reconcile per 10 min interval
    long perTenMinutesEd = 10 * edSteady.total(); // external-dns reconciles every minute by default
    row(md, "steady state, requests per 10 minutes (Lanyard: interval 10m; external-dns: interval 1m)",
        perTenMinutesLanyard, perTenMinutesEd, 10 * edSteady5000.total());
    double perChange = (double) lanyardChange.total() / CHANGES;
    md.append("| one route changed (requests per change; writes) | ")
        .append(fmt(perChange)).append("; ").append(fmt((double) lanyardChange.writes() / CHANGES)).append(" write, ")
        .append(lanyardChange.lists()).append(" lists | ")
        .append(edChange.total()).append("; ").append(edChange.writes()).append(" write | ")
        .append(edChange5000.total()).append("; ").append(edChange5000.writes()).append(" write | ")
        .append(ratio(edChange.total(), perChange)).append(" |\n");
    md.append("| 50 routes changed in one debounce window (requests) | ").append(lanyardBurst.total()).append(" (")
        .append(lanyardBurst.writes()).append(" write) | ").append(edChange.total()).append(" | ")
        .append(edChange5000.total()).append(" | ").append(ratio(edChange.total(), lanyardBurst.total())).append(" |\n");
    md.append("| one route changed: time from `update()` to the record at the fake | median ")
        .append(fmt(medianMs)).append(" ms, max ").append(fmt(maxMs)).append(" ms (").append(CHANGES)
        .append(" changes) | next reconcile: up to 60 s (`--interval 1m`), or with `--events` after `--min-event-sync-interval` | | |\n\n");
    md.append("external-dns's numbers come from `ExternalDnsAlgorithm`, which replays the requests that")
        .append(" cloudflare-api.md 6.3, 6.6 and 6.8 document (SDK auto-pager: zones and records paged until an")
        .append(" empty page; on changes, zones and records listed again before the batches) against the same fake.")
        .append(" It assumes the TXT registry writes only the current format (`--txt-new-format-only` or a")
        .append(" recent release); with both formats the initial sync holds 3,000 records and sends 5 more batches.\n\n")
        .append("Why Lanyard sends fewer: a listing stops at a short page instead of fetching the empty page after it;")
        .append(" changes are planned against the cached listing plus what was applied, so a change costs only its")
        .append(" batch; the full reconcile runs every 10 minutes instead of every minute; and the zones are not listed")
        .append(" again before writing.\n");
  }

  private static List<ExternalDnsAlgorithm.Rec> externalDnsRecords(int changed) {
    List<ExternalDnsAlgorithm.Rec> out = new ArrayList<>();
    for (RecordSet rs : routes(changed)) {
      out.add(new ExternalDnsAlgorithm.Rec(rs.name(), "A", rs.values().get(0)));
      out.add(new ExternalDnsAlgorithm.Rec("a-" + rs.name(), "TXT", "\"" + OwnerLabels.serialize(
          Map.of("owner", "default", "resource", rs.resources().get(0))) + "\""));
    }
    return out;
  }

  private static void row(StringBuilder md, String what, Count l, Count ed, Count ed5000) {
    md.append("| ").append(what).append(" | ").append(l.total()).append("; ").append(l.writes()).append(" writes | ")
        .append(ed.total()).append("; ").append(ed.writes()).append(" writes | ")
        .append(ed5000.total()).append("; ").append(ed5000.writes()).append(" writes | ")
        .append(ratio(ed.total(), l.total())).append(" |\n");
  }

  private static void row(StringBuilder md, String what, long l, long ed, long ed5000) {
    md.append("| ").append(what).append(" | ").append(l).append(" | ").append(ed).append(" | ").append(ed5000)
        .append(" | ").append(ratio(ed, l)).append(" |\n");
  }

  private static String ratio(double theirs, double ours) {
    return ours == 0 ? "-" : fmt(theirs / ours) + "x fewer";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  private static void check(SyncResult r) {
    if (!r.ok()) {
      throw new IllegalStateException("sync failed: " + r.failures());
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition c, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + max);
      }
      Thread.sleep(5);
    }
  }

  /** Replaces (or appends) the "## Provider sync" section, leaving every other section alone. */
  static void write(Path file, String body) throws IOException {
    String heading = "## Provider sync";
    String section = heading + "\n\n" + body;
    String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    int start = text.indexOf(heading + "\n");
    String updated;
    if (start < 0) {
      updated = text.stripTrailing() + "\n\n" + section;
    } else {
      int next = text.indexOf("\n## ", start + heading.length());
      updated = text.substring(0, start) + section + (next < 0 ? "" : "\n" + text.substring(next + 1));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, updated);
  }
}
