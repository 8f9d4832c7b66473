package dev.lanyard.sync;

import static dev.lanyard.sync.testing.States.a;
import static dev.lanyard.sync.testing.States.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import dev.lanyard.sync.testing.Configs;
import dev.lanyard.sync.testing.States;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as the app drives it, against the Cloudflare fake. */
class SyncServiceTest {
  private static final String TOKEN = "service-token";
  @TempDir
  Path dir;
  private FakeCloudflare fake;
  private SyncService service;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void start() throws Exception {
    fake = FakeCloudflare.builder().token(TOKEN).zone("example.com").start();
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    fake.close();
  }

  private SyncService service(String extra) throws Exception {
    LanyardConfig config = Configs.withSync(dir, Configs.cloudflare(dir, fake.baseUrl(), TOKEN, extra));
    service = new SyncService(config, metrics);
    return service;
  }

  private static DesiredState state(RecordSet... publicRecords) {
    return States.of(view("public", true, publicRecords), view("lan", false, a("nas.example.com", "10.0.0.5")));
  }

  private List<String> contents(String name, String type) {
    return fake.records("example.com", name, type).stream().map(FakeRecord::content).toList();
  }

  @Test
  void startReconcilesThenOneChangedRouteCostsOneWriteWithinTwoSeconds() throws Exception {
    SyncService s = service("");
    s.update(state(a("app.example.com", "203.0.113.7"), a("web.example.com", "203.0.113.8")));
    s.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> contents("app.example.com", "A").contains("203.0.113.7"));
    assertThat(contents("nas.example.com", "A")).as("the LAN view is not published").isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> s.status().get(0).lastSync().isPresent());
    fake.resetCounters();

    long t0 = System.nanoTime();
    s.update(state(a("app.example.com", "203.0.113.9"), a("web.example.com", "203.0.113.8")));
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> contents("app.example.com", "A").equals(List.of("203.0.113.9")));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(2)).until(() -> s.status().get(0).lastError().isEmpty()
        && s.status().get(0).lastPlan().stream().anyMatch(l -> l.startsWith("~ update app.example.com A")));
    assertThat(fake.writeRequests()).isEqualTo(1);
    assertThat(fake.listRequests()).isZero();
    assertThat(fake.totalRequests()).isEqualTo(1);
  }

  @Test
  void theLastAppliedChangesOutliveALaterRunWithNothingToDo() throws Exception {
    SyncService s = service("");
    s.update(state(a("app.example.com", "203.0.113.7")));
    s.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> contents("app.example.com", "A").contains("203.0.113.7"));
    assertThat(s.syncOnce(state(a("app.example.com", "203.0.113.7"))).ok()).isTrue();
    ProviderStatus st = s.status().get(0);
    assertThat(st.lastPlan()).as("the last run changed nothing").noneMatch(l -> l.startsWith("+"));
    assertThat(st.lastApplied()).anyMatch(l -> l.startsWith("+ create app.example.com"));
    assertThat(st.lastAppliedAt()).isPresent();
  }

  @Test
  void nothingIsAppliedBeforeStartOrAfterStop() throws Exception {
    SyncService s = service("");
    s.update(state(a("app.example.com", "203.0.113.7")));
    Thread.sleep(500);
    assertThat(fake.totalRequests()).as("not leading yet").isZero();
    s.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> !contents("app.example.com", "A").isEmpty());
    s.stop();
    await().atMost(Duration.ofSeconds(2)).until(() -> !s.status().get(0).leading());
    fake.resetCounters();
    s.update(state(a("app.example.com", "203.0.113.99")));
    Thread.sleep(600); // three debounce periods
    assertThat(fake.totalRequests()).isZero();
    assertThat(contents("app.example.com", "A")).containsExactly("203.0.113.7");
  }

  @Test
  void planListsAndAppliesNothing() throws Exception {
    SyncService s = service("");
    List<ProviderPlan> plans = s.plan(state(a("app.example.com", "203.0.113.7")));
    assertThat(plans).singleElement().satisfies(p -> {
      assertThat(p.lines()).containsExactly(
          "+ create app.example.com 300 A [203.0.113.7] {cloudflare-proxied=false}",
          "+ create a-app.example.com 300 TXT [\"heritage=external-dns,external-dns/owner=homelab,"
              + "external-dns/resource=httproute/default/app\"] {cloudflare-proxied=false} (ownership)");
      assertThat(p.render()).startsWith("provider cf (cloudflare, zones [example.com], policy sync): 2 changes\n  + create");
    });
    JsonNode json = new ObjectMapper().readTree(ProviderPlan.toJson(plans));
    assertThat(json.path(0).path("changes").path(0).path("action").asText()).isEqualTo("create");
    assertThat(json.path(0).path("changes").path(1).path("ownership").asBoolean()).isTrue();
    assertThat(fake.writeRequests()).isZero();
    assertThat(fake.records("example.com")).isEmpty();
  }

  @Test
  void syncOnceAppliesAndReportsRefusedRecords() throws Exception {
    SyncService s = service("");
    SyncResult ok = s.syncOnce(state(a("app.example.com", "203.0.113.7")));
    assertThat(ok.ok()).isTrue();
    assertThat(contents("app.example.com", "A")).containsExactly("203.0.113.7");

    RecordSet bad = States.route("lan.example.com", dev.lanyard.core.model.RecordType.A, 300,
        Map.of("cloudflare-proxied", "true"), "10.0.0.5");
    SyncResult refused = s.syncOnce(state(a("app.example.com", "203.0.113.7"), bad));
    assertThat(refused.ok()).isFalse();
    assertThat(refused.failures()).singleElement().asString()
        .startsWith("cf: cannot create lan.example.com A 10.0.0.5").contains("Cloudflare 9003");
  }

  @Test
  void deletesWaitForSyncedSources() throws Exception {
    SyncService s = service("");
    s.syncOnce(state(a("app.example.com", "203.0.113.7")));
    SyncResult partial = s.syncOnce(States.unsynced(view("public", true)));
    assertThat(partial.ok()).isTrue();
    assertThat(contents("app.example.com", "A")).containsExactly("203.0.113.7");
    assertThat(partial.providers().get(0).plan().orElseThrow().lines())
        .containsExactly("deletes withheld: 1 record set kept: source \"kubernetes\" has not synced yet");
    s.syncOnce(States.of(view("public", true)));
    assertThat(fake.records("example.com")).isEmpty();
  }

  @Test
  void aRateLimitedRunIsPostponedNotLost() throws Exception {
    SyncService s = service("");
    fake.forceRateLimit(Duration.ofSeconds(2));
    s.update(state(a("app.example.com", "203.0.113.7")));
    s.start();
    await().atMost(Duration.ofSeconds(3)).until(() -> s.status().get(0).rateLimitWaits() >= 1);
    assertThat(s.status().get(0).lastError()).hasValueSatisfying(e -> assertThat(e).contains("rate-limited"));
    await().atMost(Duration.ofSeconds(8)).until(() -> contents("app.example.com", "A").contains("203.0.113.7"));
    assertThat(fake.rateLimitedRequests()).as("one 429, then the client waited").isEqualTo(1);
  }

  @Test
  void metricsUseThePrometheusNamesOfTheSpec() throws Exception {
    SyncService s = service("");
    s.syncOnce(state(a("app.example.com", "203.0.113.7")));
    String scrape = metrics.scrape();
    assertThat(scrape)
        .contains("lanyard_sync_requests_total{method=\"GET\",provider=\"cf\",status=\"200\"} 2")
        .contains("lanyard_sync_requests_total{method=\"POST\",provider=\"cf\",status=\"200\"} 1")
        .contains("lanyard_sync_errors_total{provider=\"cf\"} 0")
        .contains("lanyard_sync_rate_limit_waits_total{provider=\"cf\"} 0")
        .containsPattern("lanyard_sync_last_success_timestamp_seconds\\{provider=\"cf\"} 1\\.[0-9]+E9");
    assertThat(s.status().get(0).requests()).containsEntry("GET", 2L).containsEntry("POST", 1L);
  }

  @Test
  void theTxtPublisherSharesTheProvidersClient() throws Exception {
    SyncService s = service("");
    TxtRecordPublisher p = s.txtPublisher("cf").orElseThrow();
    p.add("_acme-challenge.app.example.com", "token-a");
    p.add("_acme-challenge.app.example.com", "token-b");
    p.add("_acme-challenge.app.example.com", "token-b");
    assertThat(contents("_acme-challenge.app.example.com", "TXT")).containsExactlyInAnyOrder("\"token-a\"", "\"token-b\"");
    p.remove("_acme-challenge.app.example.com", "token-a");
    p.remove("_acme-challenge.app.example.com", "missing");
    assertThat(contents("_acme-challenge.app.example.com", "TXT")).containsExactly("\"token-b\"");
    assertThat(s.status().get(0).requests().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    assertThat(s.txtPublisher("nope")).isEmpty();

    SyncResult later = s.syncOnce(state(a("app.example.com", "203.0.113.7")));
    assertThat(later.ok()).isTrue();
    assertThat(contents("_acme-challenge.app.example.com", "TXT")).as("challenge records are not ours to delete")
        .containsExactly("\"token-b\"");
  }

  @Test
  void aMissingTokenFailsAtConstruction() throws Exception {
    String yaml = """
        owner: homelab
        providers:
          - name: cf
            type: cloudflare
            zones: [example.com]
            cloudflare: {apiTokenEnv: LANYARD_TEST_NO_SUCH_VAR, baseUrl: "%s"}
        """.formatted(fake.baseUrl());
    LanyardConfig config = Configs.withSync(dir, yaml);
    assertThatThrownBy(() -> new SyncService(config, new SimpleMeterRegistry(), n -> null, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cloudflare provider \"cf\": no API token")
        .hasMessageContaining("LANYARD_TEST_NO_SUCH_VAR");
  }

  @Test
  void statusShowsConflicts() throws Exception {
    fake.seed("manual.example.com", "A", "203.0.113.50", 300, false);
    SyncService s = service("");
    s.update(state(a("manual.example.com", "203.0.113.51")));
    s.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> !s.status().get(0).conflicts().isEmpty());
    List<String> conflicts = new ArrayList<>(s.status().get(0).conflicts());
    assertThat(conflicts).singleElement().asString().startsWith("manual.example.com A: exists without an ownership TXT");
    assertThat(contents("manual.example.com", "A")).containsExactly("203.0.113.50");
  }
}
