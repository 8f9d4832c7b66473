package dev.lanyard.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.app.wiring.Leadership;
import dev.lanyard.certificates.CertificateStatus;
import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.sync.ProviderStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP, fed with snapshots the test controls. */
class HttpEndpointsTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Leadership.Status SOLE = new Leadership.Status(true, Optional.empty(), "this process", Optional.of("this process"));

  final AtomicReference<StatusSnapshot> status = new AtomicReference<>();
  final AtomicReference<String> metrics = new AtomicReference<>("lanyard_leader 1.0\n");
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  HttpEndpoints http;

  @BeforeEach
  void start() throws IOException {
    status.set(snapshot(true, Optional.of(state(true, List.of(), List.of())), List.of(), List.of()));
    http = HttpEndpoints.start(new HostPort("127.0.0.1", 0), status::get, metrics::get);
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void healthzAnswersWhileNothingIsReady() throws Exception {
    status.set(snapshot(false, Optional.empty(), List.of(), List.of()));
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzIs503WithEveryReasonUntilDnsListensAndEverySourceSynced() throws Exception {
    status.set(snapshot(false, Optional.empty(), List.of(), List.of()));
    HttpResponse<String> before = get("/readyz");
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).isEqualTo("""
        not ready:
        - DNS is not listening yet
        - source manifests has not delivered its first listing yet
        - source kubernetes has not delivered its first listing yet
        """);

    SourceStatus k8s = new SourceStatus("kubernetes", false, List.of(Problem.warning("kubernetes DNSEndpoint",
        "disabled: CRD dnsendpoints.externaldns.k8s.io is not installed")), Optional.empty());
    status.set(snapshot(true, Optional.of(withSource(state(true, List.of(), List.of()), k8s)), List.of(), List.of()));
    HttpResponse<String> halfway = get("/readyz");
    assertThat(halfway.statusCode()).isEqualTo(503);
    assertThat(halfway.body()).isEqualTo("not ready:\n- source kubernetes has not synced yet (warning: kubernetes DNSEndpoint: "
        + "disabled: CRD dnsendpoints.externaldns.k8s.io is not installed)\n");

    status.set(snapshot(true, Optional.of(state(true, List.of(), List.of())), List.of(), List.of()));
    HttpResponse<String> after = get("/readyz");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("ready\n");
  }

  @Test
  void aSourceWithErrorsIsStillReadyOnceSynced() throws Exception {
    SourceStatus broken = new SourceStatus("manifests", true, List.of(Problem.error("apps/bad.yaml:3", "mapping values are not allowed")),
        Optional.of(NOW));
    status.set(snapshot(true, Optional.of(withSource(state(true, List.of(), List.of()), broken)), List.of(), List.of()));
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsServesTheScrapeAsPrometheusText() throws Exception {
    metrics.set("# HELP lanyard_leader x\n# TYPE lanyard_leader gauge\nlanyard_leader 1.0\n");
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body()).isEqualTo(metrics.get());
  }

  @Test
  void statusPageEscapesEverythingItShows() throws Exception {
    RecordSet txt = new RecordSet("x.example.com", RecordType.TXT, 300, List.of("<script>alert(1)</script>"),
        List.of("dnsendpoint/default/\"quoted\""), Map.of());
    Problem problem = Problem.error("apps/<img src=x onerror=alert(2)>.yaml:1", "bad & <b>worse</b>");
    ProviderStatus provider = new ProviderStatus("cf<1>", "cloudflare", true, List.of("+ create a.example.com 300 TXT [\"<i>\"]"),
        List.of(), Optional.empty(), Optional.empty(), Optional.of("HTTP 403: <html>denied</html>"), Map.of("GET", 2L), 0, List.of());
    status.set(snapshot(true, Optional.of(state(true, List.of(txt), List.of(problem))), List.of(provider), List.of()));

    HttpResponse<String> r = get("/?q=%3Cscript%3E");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
    String page = r.body();
    assertThat(page).doesNotContain("<script", "<img", "<b>", "<i>", "<html>", "<1>");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "dnsendpoint/default/&quot;quoted&quot;",
        "apps/&lt;img src=x onerror=alert(2)&gt;.yaml:1", "bad &amp; &lt;b&gt;worse&lt;/b&gt;",
        "HTTP 403: &lt;html&gt;denied&lt;/html&gt;", "cf&lt;1&gt;", "value=\"&lt;script&gt;\"");
  }

  @Test
  void statusPageFiltersRecordsByTextAndView() throws Exception {
    RecordSet plexLan = RecordSet.of("plex.example.com", RecordType.A, 300, "10.11.1.30");
    RecordSet sonarr = new RecordSet("sonarr.example.com", RecordType.A, 300, List.of("10.11.1.22"),
        List.of("httproute/media/sonarr"), Map.of());
    status.set(snapshot(true, Optional.of(state(true, List.of(plexLan, sonarr), List.of())), List.of(), List.of()));

    String all = get("/").body();
    assertThat(all).contains("plex.example.com", "sonarr.example.com").doesNotContain("id=\"match-count\"");

    String byName = get("/?q=PLEX").body();
    assertThat(byName).contains("plex.example.com").doesNotContain("sonarr.example.com");
    assertThat(byName).contains("2 of 4 record sets match \u201cPLEX\u201d");

    String byObject = get("/?q=media%2Fsonarr&view=lan").body();
    assertThat(byObject).contains("sonarr.example.com", "1 of 4 record sets match \u201cmedia/sonarr\u201d in view lan",
        "<option value=\"lan\" selected>").doesNotContain("plex.example.com", "data-view=\"public\"");

    String unknownView = get("/?view=nope").body();
    assertThat(unknownView).contains("No view is named \u201cnope\u201d");
  }

  @Test
  void statusPageShowsSyncPlanCertificateTimelineAndProblems() throws Exception {
    ProviderStatus cf = new ProviderStatus("cloudflare", "cloudflare", true,
        List.of("+ create app.example.com 1 A [203.0.113.7]", "! conflict manual.example.com A: exists without an ownership TXT"),
        List.of("- delete old.example.com 300 A [203.0.113.9]"), Optional.of(NOW.minusSeconds(600)), Optional.of(NOW.minusSeconds(90)), Optional.empty(), Map.of("GET", 3L, "POST", 1L), 2,
        List.of("manual.example.com A: exists without an ownership TXT"));
    CertificateStatus ok = new CertificateStatus("wildcard", "config", "letsencrypt", List.of("*.example.com", "example.com"),
        List.of(), Optional.of(NOW.plus(Duration.ofDays(60))), Optional.of(NOW.plus(Duration.ofDays(30))), Optional.of("0a1b"),
        Optional.empty(), 0, Optional.empty(), Optional.empty(), List.of(new StoreStatus("secret network/wildcard-tls", Optional.empty())));
    CertificateStatus failing = new CertificateStatus("grafana", "gateway/monitoring/grafana", "internal", List.of("grafana.example.com"),
        List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("issuer internal is not usable: no CA in /ca"),
        3, Optional.of(NOW.plus(Duration.ofMinutes(8))), Optional.empty(), List.of());
    status.set(snapshot(true, Optional.of(state(true, List.of(), List.of(Problem.warning("httproute/a/b", "hostname dropped")))),
        List.of(cf), List.of(failing, ok)));

    String page = get("/").body();
    assertThat(page).contains("data-provider=\"cloudflare\"", "+ create app.example.com 1 A [203.0.113.7]", "GET 3, POST 1",
        "2 rate-limit waits", "1 min ago");
    assertThat(page).as("the last applied changes stay visible after later runs")
        .contains("Last applied (10 min ago)", "- delete old.example.com 300 A [203.0.113.9]");
    assertThat(page).contains("data-certificate=\"wildcard\"", "2027-01-22 12:00:00 UTC (in 60 d)", "(in 30 d)",
        "class=\"life\" style=\"width:100.0%\"", "class=\"renew\" style=\"left:50.0%\"", "secret network/wildcard-tls");
    assertThat(page).contains("data-certificate=\"grafana\"", "<span class=\"badge bad\">error</span>",
        "retry in 8 min after 3 failures");
    assertThat(page).contains("Problems (3)", "hostname dropped", "issuer internal is not usable: no CA in /ca",
        "conflict: manual.example.com A: exists without an ownership TXT");
  }

  @Test
  void statusPageSaysWhoLeadsOnAStandbyReplica() throws Exception {
    Leadership.Status standby = new Leadership.Status(false, Optional.of("dns/lanyard"), "lanyard-b", Optional.of("lanyard-a"));
    status.set(new StatusSnapshot(NOW, List.of("example.com"), List.of("lan", "public"), List.of("kubernetes"),
        Optional.of(state(true, List.of(), List.of())), true, List.of("0.0.0.0:5353"), standby, List.of(), List.of()));
    assertThat(get("/").body()).contains("Standby", "Lease dns/lanyard held by lanyard-a; this is lanyard-b");
  }

  @Test
  void onlyGetAndHeadAreAllowed() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE")) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/")).method(method, HttpRequest.BodyPublishers.ofString("x"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
    HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/readyz")).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void unknownPathsAre404AndAFailingPageIs500WithoutDetails() throws Exception {
    HttpResponse<String> missing = get("/secrets");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("/healthz", "/readyz", "/metrics");

    status.set(null);
    HttpResponse<String> failing = get("/");
    assertThat(failing.statusCode()).isEqualTo(500);
    assertThat(failing.body()).isEqualTo("internal error: NullPointerException; see the log\n");
    assertThat(get("/healthz").statusCode()).as("still alive").isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + http.address().getPort() + path);
  }

  static StatusSnapshot snapshot(boolean dnsListening, Optional<DesiredState> state, List<ProviderStatus> providers,
      List<CertificateStatus> certificates) {
    return new StatusSnapshot(NOW, List.of("example.com"), List.of("lan", "public"), List.of("manifests", "kubernetes"), state,
        dnsListening, dnsListening ? List.of("127.0.0.1:5353") : List.of(), SOLE, providers, certificates);
  }

  /** {@code state} with one source's status replaced. */
  static DesiredState withSource(DesiredState state, SourceStatus source) {
    return new DesiredState(state.generation(), state.createdAt(), state.views(), state.certificates(), state.problems(),
        state.sources().stream().map(s -> s.name().equals(source.name()) ? source : s).toList());
  }

  /** A state with the given records in both views, both sources synced. */
  static DesiredState state(boolean synced, List<RecordSet> records, List<Problem> problems) {
    return new DesiredState(7, NOW.minusSeconds(30),
        List.of(new ViewRecords("lan", false, records), new ViewRecords("public", true, records)), List.of(), problems,
        List.of(new SourceStatus("manifests", synced, List.of(), Optional.of(NOW.minusSeconds(30))),
            new SourceStatus("kubernetes", synced, List.of(), Optional.of(NOW.minusSeconds(40)))));
  }
}
