package dev.lanyard.sync.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.config.SyncConfig.Policy;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import dev.lanyard.sync.cloudflare.fake.RequestKind;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Plan;
import dev.lanyard.sync.plan.Planner;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.RateLimitedException;
import dev.lanyard.sync.registry.OwnerLabels;
import dev.lanyard.sync.registry.TxtNameMapper;
import dev.lanyard.sync.registry.TxtRegistry;
import dev.lanyard.sync.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cloudflare provider against the fake: what lands in the zone, and how many requests it costs. */
class CloudflareProviderTest {
  private static final String TOKEN = "secret-token";
  private FakeCloudflare fake;

  @BeforeEach
  void start() throws IOException {
    fake = FakeCloudflare.builder().token(TOKEN).zone("example.com").zone("example.org").tagQuota(5).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private SyncConfig.Cloudflare cfg(boolean proxied, int budget, int perPage, Optional<String> comment) {
    return new SyncConfig.Cloudflare(Optional.empty(), "CF_TEST_TOKEN", fake.baseUrl(), proxied, budget,
        Duration.ofMinutes(5), perPage, comment);
  }

  private CloudflareProvider provider(SyncConfig.Cloudflare cfg) {
    SyncConfig.Provider p = new SyncConfig.Provider("cf", SyncConfig.ProviderType.CLOUDFLARE, List.of("public"),
        List.of("example.com"), Optional.empty(), Optional.of(cfg), Optional.empty());
    return CloudflareProvider.create(p, Map.of("CF_TEST_TOKEN", TOKEN)::get, new ProviderMetrics("cf", new SimpleMeterRegistry()),
        Clock.systemUTC());
  }

  private CloudflareProvider provider() {
    return provider(cfg(false, 1000, 5000, Optional.empty()));
  }

  private static Plan plan(CloudflareProvider p, List<Endpoint> desired, boolean fresh) throws IOException {
    Planner planner = new Planner(new TxtRegistry("homelab", TxtNameMapper.plain()), p::adjust);
    var listing = fresh ? p.list() : p.cached().orElseThrow();
    return planner.plan(desired, listing.records(), new Planner.Options(Policy.SYNC, false, List.of("example.com"), Optional.empty()));
  }

  private static ApplyResult sync(CloudflareProvider p, List<Endpoint> desired, boolean fresh) throws IOException {
    return p.apply(plan(p, desired, fresh).changes());
  }

  private static Endpoint route(String name, String... ips) {
    return Endpoint.of(name, RecordType.A, 300, ips).withLabel(Endpoint.RESOURCE, "httproute/default/" + name.split("\\.")[0]);
  }

  private static Endpoint withProps(Endpoint e, Map<String, String> props) {
    return e.withProviderSpecific(props);
  }

  @Test
  void initialSyncWritesRecordsAndOwnershipInOneBatch() throws IOException {
    CloudflareProvider p = provider();
    ApplyResult r = sync(p, List.of(route("app.example.com", "203.0.113.7"), route("web.example.com", "203.0.113.8")), true);

    assertThat(r.ok()).isTrue();
    assertThat(fake.requests(RequestKind.LIST_ZONES)).isEqualTo(1);
    assertThat(fake.requests(RequestKind.LIST_RECORDS)).isEqualTo(1);
    assertThat(fake.requests(RequestKind.BATCH)).isEqualTo(1);
    assertThat(fake.totalRequests()).isEqualTo(3);
    assertThat(fake.records("example.com", "app.example.com", "A")).singleElement().satisfies(a -> {
      assertThat(a.content()).isEqualTo("203.0.113.7");
      assertThat(a.ttl()).isEqualTo(300);
      assertThat(a.proxied()).isFalse();
    });
    assertThat(fake.records("example.com", "a-app.example.com", "TXT")).singleElement().satisfies(t ->
        assertThat(t.content()).isEqualTo(
            "\"heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app\""));
  }

  @Test
  void aFullReconcileInSteadyStateOnlyLists() throws IOException {
    CloudflareProvider p = provider();
    List<Endpoint> desired = List.of(route("app.example.com", "203.0.113.7"));
    sync(p, desired, true);
    fake.resetCounters();
    assertThat(plan(p, desired, true).isEmpty()).isTrue();
    assertThat(fake.writeRequests()).isZero();
    assertThat(fake.totalRequests()).isEqualTo(2); // zones + one short page of records
  }

  @Test
  void oneChangedRouteCostsOneWriteAndNoListing() throws IOException {
    CloudflareProvider p = provider();
    sync(p, List.of(route("app.example.com", "203.0.113.7"), route("web.example.com", "203.0.113.8")), true);
    fake.resetCounters();

    ApplyResult r = sync(p, List.of(route("app.example.com", "203.0.113.9"), route("web.example.com", "203.0.113.8")), false);

    assertThat(r.ok()).isTrue();
    assertThat(r.requests()).isEqualTo(1);
    assertThat(fake.totalRequests()).isEqualTo(1);
    assertThat(fake.requests(RequestKind.BATCH)).isEqualTo(1);
    assertThat(fake.records("example.com", "app.example.com", "A")).extracting(FakeRecord::content).containsExactly("203.0.113.9");
    assertThat(plan(p, List.of(route("app.example.com", "203.0.113.9"), route("web.example.com", "203.0.113.8")), true)
        .isEmpty()).isTrue();
  }

  @Test
  void proxiedRecordsAreWrittenWithTtlOneAndOnlyForProxiableTypes() throws IOException {
    CloudflareProvider p = provider(cfg(true, 1000, 5000, Optional.empty()));
    List<Endpoint> desired = List.of(
        route("app.example.com", "203.0.113.7"),
        withProps(route("direct.example.com", "203.0.113.8"), Map.of("cloudflare-proxied", "false")),
        Endpoint.of("txt.example.com", RecordType.TXT, 300, "hello"));
    assertThat(sync(p, desired, true).ok()).isTrue();

    assertThat(fake.records("example.com", "app.example.com", "A")).singleElement()
        .satisfies(r -> assertThat(r.proxied() && r.ttl() == 1).isTrue());
    assertThat(fake.records("example.com", "direct.example.com", "A")).singleElement()
        .satisfies(r -> assertThat(r.proxied() || r.ttl() != 300).isFalse());
    assertThat(fake.records("example.com", "txt.example.com", "TXT")).singleElement()
        .satisfies(r -> assertThat(r.proxied()).isFalse());
    assertThat(fake.records("example.com", "a-app.example.com", "TXT")).singleElement()
        .satisfies(r -> assertThat(r.proxied()).isFalse());
    fake.resetCounters();
    assertThat(plan(p, desired, true).isEmpty()).as("no ttl-vs-auto update loop (external-dns #1820)").isTrue();
  }

  @Test
  void ttlsAreClampedToWhatCloudflareAccepts() {
    CloudflareProvider p = provider();
    assertThat(p.adjust(Endpoint.of("a.example.com", RecordType.A, 0, "203.0.113.1")).ttl()).isEqualTo(1);
    assertThat(p.adjust(Endpoint.of("a.example.com", RecordType.A, 30, "203.0.113.1")).ttl()).isEqualTo(60);
    assertThat(p.adjust(Endpoint.of("a.example.com", RecordType.A, 3600, "203.0.113.1")).ttl()).isEqualTo(3600);
    assertThat(p.adjust(Endpoint.of("a.example.com", RecordType.A, 999_999, "203.0.113.1")).ttl()).isEqualTo(86_400);
  }

  @Test
  void theProxiedPropertyIsParsedLikeGo() {
    CloudflareProvider p = provider();
    for (String t : List.of("1", "t", "T", "TRUE", "true", "True")) {
      assertThat(p.adjust(withProps(route("a.example.com", "203.0.113.1"), Map.of("cloudflare-proxied", t)))
          .providerSpecific()).containsEntry("cloudflare-proxied", "true");
    }
    assertThat(p.adjust(withProps(route("a.example.com", "203.0.113.1"), Map.of("cloudflare-proxied", "yes")))
        .providerSpecific()).containsEntry("cloudflare-proxied", "false");
  }

  @Test
  void commentsAndTagsArePassedThroughAndDoNotLoop() throws IOException {
    CloudflareProvider p = provider(cfg(false, 1000, 5000, Optional.of("managed by lanyard")));
    List<Endpoint> desired = List.of(
        route("app.example.com", "203.0.113.7"),
        withProps(route("web.example.com", "203.0.113.8"),
            Map.of("cloudflare-record-comment", "web tier", "cloudflare-tags", "team:web, env:prod")));
    assertThat(sync(p, desired, true).ok()).isTrue();
    assertThat(fake.records("example.com", "app.example.com", "A").get(0).comment()).contains("managed by lanyard");
    FakeRecord web = fake.records("example.com", "web.example.com", "A").get(0);
    assertThat(web.comment()).contains("web tier");
    assertThat(web.tags()).containsExactly("env:prod", "team:web");
    assertThat(plan(p, desired, true).isEmpty()).isTrue();
  }

  @Test
  void recordsExternalDnsCreatedAreAdoptedWithoutAWrite() throws IOException {
    fake.seed("app.example.com", "A", "203.0.113.7", 1, true);
    fake.seed("a-app.example.com", "TXT",
        "\"heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app\"", 1, false);
    CloudflareProvider p = provider();
    Plan plan = plan(p, List.of(withProps(route("app.example.com", "203.0.113.7"), Map.of("cloudflare-proxied", "true"))), true);
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void aRefusedBatchIsReplayedOneByOneAndTheBadRecordNamesItself() throws IOException {
    CloudflareProvider p = provider();
    try (LogCapture log = new LogCapture(CloudflareProvider.class)) {
      ApplyResult r = sync(p, List.of(
          route("app.example.com", "203.0.113.7"),
          withProps(route("nas.example.com", "10.0.0.5"), Map.of("cloudflare-proxied", "true"))), true);

      assertThat(r.failures()).singleElement().asString()
          .contains("cannot create nas.example.com A 10.0.0.5 in zone example.com")
          .contains("Cloudflare 9003")
          .contains("cloudflare-proxied: \"false\"");
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("applying them one by one"));
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("cannot create nas.example.com A 10.0.0.5"));
    }
    assertThat(fake.records("example.com", "app.example.com", "A")).hasSize(1);
    assertThat(fake.records("example.com", "a-app.example.com", "TXT")).hasSize(1);
    assertThat(fake.records("example.com", "nas.example.com", "A")).isEmpty();
    assertThat(p.cached()).as("a refused write makes the next run list again").isEmpty();
  }

  @Test
  void moreThan200ChangesGoOutInSeveralBatches() throws IOException {
    CloudflareProvider p = provider();
    List<Endpoint> desired = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      desired.add(route("r" + i + ".example.com", "198.51.100." + (i + 1)));
    }
    assertThat(sync(p, desired, true).ok()).isTrue();
    assertThat(fake.requests(RequestKind.BATCH)).isEqualTo(2);
    assertThat(fake.records("example.com")).hasSize(300);
  }

  @Test
  void listingPagesUntilAShortOrEmptyPage() throws IOException {
    for (int i = 0; i < 10; i++) {
      fake.seed("r" + i + ".example.com", "A", "198.51.100." + (i + 1), 300, false);
    }
    CloudflareProvider p = provider(cfg(false, 1000, 5, Optional.empty()));
    assertThat(p.list().records()).hasSize(10);
    assertThat(fake.requests(RequestKind.LIST_RECORDS)).isEqualTo(3); // 5, 5, then the empty page
    fake.seed("r10.example.com", "A", "198.51.100.11", 300, false);
    fake.resetCounters();
    assertThat(p.list().records()).hasSize(11);
    assertThat(fake.requests(RequestKind.LIST_RECORDS)).isEqualTo(3); // 5, 5, then a short page of 1
    assertThat(fake.requestLog().stream().filter(l -> l.contains("dns_records")).findFirst().orElseThrow())
        .contains("per_page=5").doesNotContain("page=1");
  }

  @Test
  void anAbsurdRetryAfterIsCappedSoSyncCannotStallForDays() {
    CloudflareProvider p = provider();
    fake.forceRateLimit(Duration.ofDays(11));
    assertThatThrownBy(p::list).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(CloudflareClient.MAX_RETRY_AFTER));
  }

  @Test
  void a429PostponesAndBlocksFurtherRequestsUntilRetryAfter() throws IOException {
    CloudflareProvider p = provider();
    fake.forceRateLimit(Duration.ofSeconds(30));
    assertThatThrownBy(p::list).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    long sent = fake.totalRequests();
    fake.clearRateLimit();
    assertThatThrownBy(p::list).isInstanceOf(RateLimitedException.class);
    assertThat(fake.totalRequests()).as("the client waits on its own, without asking again").isEqualTo(sent);
  }

  @Test
  void theClientSideBudgetStopsBeforeCloudflareDoes() throws IOException {
    CloudflareProvider p = provider(cfg(false, 3, 5000, Optional.empty()));
    p.list(); // 2 requests
    sync(p, List.of(route("app.example.com", "203.0.113.7")), false); // the third
    assertThatThrownBy(p::list).isInstanceOf(RateLimitedException.class).hasMessageContaining("request budget of 3");
    assertThat(fake.totalRequests()).isEqualTo(3);
  }

  @Test
  void aStaleCacheConflictIsLoggedWithTheRecordAndForcesAListing() throws IOException {
    CloudflareProvider p = provider();
    sync(p, List.of(), true);
    fake.seed("app.example.com", "CNAME", "elsewhere.example.net", 300, false); // made in the dashboard meanwhile
    ApplyResult r = sync(p, List.of(route("app.example.com", "203.0.113.7")), false);
    assertThat(r.failures()).singleElement().asString()
        .contains("cannot create app.example.com A 203.0.113.7")
        .contains("Cloudflare 81054");
    assertThat(p.cached()).isEmpty();
    Plan fresh = plan(p, List.of(route("app.example.com", "203.0.113.7")), true);
    assertThat(fresh.conflicts()).singleElement().asString().contains("the name holds a CNAME record without an ownership TXT");
  }

  @Test
  void theRecordQuotaIsExplained() throws IOException {
    try (FakeCloudflare small = FakeCloudflare.builder().token(TOKEN).zone("example.com").recordQuota(2).start()) {
      fake.close();
      fake = small;
      CloudflareProvider p = provider();
      ApplyResult r = sync(p, List.of(route("a.example.com", "203.0.113.1"), route("b.example.com", "203.0.113.2")), true);
      assertThat(r.failures()).isNotEmpty().allSatisfy(f -> assertThat(f).contains("record quota is exceeded (Cloudflare 81045"));
    }
  }

  @Test
  void aWrongTokenIsExplained() {
    SyncConfig.Provider pc = new SyncConfig.Provider("cf", SyncConfig.ProviderType.CLOUDFLARE, List.of(), List.of("example.com"),
        Optional.empty(), Optional.of(cfg(false, 1000, 5000, Optional.empty())), Optional.empty());
    CloudflareProvider p = CloudflareProvider.create(pc, Map.of("CF_TEST_TOKEN", "wrong")::get,
        new ProviderMetrics("cf", new SimpleMeterRegistry()), Clock.systemUTC());
    assertThatThrownBy(p::list).isInstanceOfSatisfying(CloudflareApiException.class, e ->
        assertThat(CloudflareErrors.explain(e)).contains("authentication error (Cloudflare 10000)")
            .contains("Zone:Read and DNS:Edit"));
  }

  @Test
  void theTokenComesFromAFileOrTheEnvironment(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "  from-file\n");
    SyncConfig.Cloudflare withFile = new SyncConfig.Cloudflare(Optional.of(file), "CF_API_TOKEN", fake.baseUrl(), false,
        1000, Duration.ofMinutes(5), 100, Optional.empty());
    assertThat(CloudflareToken.load("cf", withFile, n -> null)).isEqualTo("from-file");
    SyncConfig.Cloudflare fromEnv = new SyncConfig.Cloudflare(Optional.empty(), "CF_API_TOKEN", fake.baseUrl(), false,
        1000, Duration.ofMinutes(5), 100, Optional.empty());
    assertThat(CloudflareToken.load("cf", fromEnv, Map.of("CF_API_TOKEN", " env-token ")::get)).isEqualTo("env-token");
    assertThat(CloudflareToken.load("cf", fromEnv, Map.of("CF_API_TOKEN", "file:" + file)::get)).isEqualTo("from-file");
    assertThatThrownBy(() -> CloudflareToken.load("cf", fromEnv, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cloudflare provider \"cf\": no API token: set cloudflare.apiTokenFile, or the environment variable CF_API_TOKEN");
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> CloudflareToken.load("cf", withFile, n -> null)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> CloudflareToken.load("cf", fromEnv, Map.of("CF_API_TOKEN", "abc\ndef")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cloudflare provider \"cf\": the API token in $CF_API_TOKEN contains spaces, line breaks or other "
            + "characters a token never has; copy it again");
  }

  @Test
  void ownershipValuesAreWrittenInExternalDnsFormat() {
    assertThat(OwnerLabels.parse("\"heritage=external-dns,external-dns/owner=homelab\"")).isPresent();
    assertThat(CloudflareRecord.contentOf(RecordType.TXT, "v")).isEqualTo("\"v\"");
    assertThat(CloudflareRecord.valueOf("TXT", "\"v\"")).isEqualTo("v");
    assertThat(CloudflareRecord.valueOf("TXT", "v")).isEqualTo("v");
    assertThat(CloudflareRecord.valueOf("AAAA", "2001:DB8:0:0::1")).isEqualTo("2001:db8::1");
    assertThat(CloudflareRecord.valueOf("CNAME", "GW.Example.NET.")).isEqualTo("gw.example.net");
  }
}
