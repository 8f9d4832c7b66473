package dev.lanyard.e2e.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.e2e.support.Chromium;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.KubeApi;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanyard serve} on the bundled homelab example (copied, on free ports), with a Kubernetes
 * source whose API server is down at first, a Cloudflare provider (the fake), an internal CA and a
 * certificate, an issuer that cannot work, and a manifest that does not parse. /readyz answers 503
 * with the reason until the API comes up, then 200; the status page, loaded in headless Chromium,
 * shows the records per view, the sync plan, the certificates and the problems; /metrics has the
 * documented series; nothing secret is shown anywhere. Screenshots go to src/test/target.
 */
class StatusPageTest {
  private static final String CF_TOKEN = "cf-e2e-secret-token-7f3a";
  private static final Path SHOTS = Path.of("target").toAbsolutePath();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int httpPort;

  @Test
  void readinessFlipsAndTheStatusPageShowsRecordsSyncCertificatesAndProblems() throws Exception {
    long t0 = System.nanoTime();
    Path home = dir.resolve("homelab");
    copy(Repo.root().resolve("examples/homelab"), home);
    Files.writeString(home.resolve("kubernetes/apps/broken.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: [broken\n");
    ProcessRun ca = LanyardProcess.run(home, Map.of(), "ca", "init", "--dir", "ca", "--name", "Homelab Test CA");
    assertThat(ca.exitCode()).as(ca.stderr()).isZero();
    Files.writeString(home.resolve("cf-token"), CF_TOKEN + "\n");
    int dnsPort = FreePorts.tcpAndUdp();
    int tailscalePort = FreePorts.tcpAndUdp();
    httpPort = FreePorts.tcpAndUdp();

    try (KubeApi api = KubeApi.start().down();
        FakeCloudflare cloudflare = FakeCloudflare.builder().token(CF_TOKEN).zone("example.com").start()) {
      api.writeKubeconfig(home.resolve("kubeconfig"));
      String example = Files.readString(home.resolve("lanyard.yaml"));
      String config = example
          .replace("127.0.0.1:5353", "127.0.0.1:" + dnsPort)
          .replace("127.0.0.1:5354", "127.0.0.1:" + tailscalePort)
          .replace("127.0.0.1:8053", "127.0.0.1:" + httpPort)
          .replace("sources:\n  manifests:", "sources:\n  kubernetes: {enabled: true, kubeconfig: ./kubeconfig}\n  manifests:")
          + """

          sync:
            owner: homelab
            providers:
              - {name: cloudflare, type: cloudflare, zones: [example.com], cloudflare: {apiTokenFile: ./cf-token, baseUrl: "%s"}}
          certificates:
            issuers:
              - {name: internal, ca: {dir: ./ca}}
              - {name: old-ca, ca: {dir: ./no-such-ca}}
            certificates:
              - {name: web, issuer: internal, dnsNames: [web.example.com, "*.apps.example.com"], stores: [{dir: ./certs/web}]}
              - {name: legacy, issuer: old-ca, dnsNames: [legacy.example.com], stores: [{dir: ./certs/legacy}]}
          leaderElection: {leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 500ms}
          """.formatted(cloudflare.baseUrl());
      assertThat(config).as("the example's listeners and sources were rewritten")
          .doesNotContain("127.0.0.1:5353", "127.0.0.1:8053").contains("kubeconfig: ./kubeconfig");
      Files.writeString(home.resolve("lanyard.yaml"), config);

      try (LanyardProcess lanyard = LanyardProcess.start(home, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("/healthz", Duration.ofSeconds(30), () -> status("/healthz") == 200);
        lanyard.await("DNS to listen", Duration.ofSeconds(30), () -> body("/readyz").contains("not ready")
            && !body("/readyz").contains("DNS is not listening"));
        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).startsWith("not ready:\n").contains("- source kubernetes has not");
        String waitingPage = Chromium.dumpDom(url("/"));
        assertThat(waitingPage).contains("Not ready", "source kubernetes has not");
        Chromium.screenshot(url("/"), SHOTS.resolve("status-page-not-ready.png"), 1280, 900);

        long upAt = System.nanoTime();
        api.up();
        lanyard.await("/readyz 200 after the API came up", Duration.ofSeconds(45), () -> status("/readyz") == 200);
        Duration flip = Duration.ofNanos(System.nanoTime() - upAt);
        assertThat(body("/readyz")).isEqualTo("ready\n");

        lanyard.await("leadership, certificate and sync", Duration.ofSeconds(45), () -> {
          String m = body("/metrics");
          return m.contains("\nlanyard_leader 1.0") && m.contains("lanyard_certificate_not_after_seconds{name=\"web\"} 1")
              && m.contains("lanyard_sync_last_success_timestamp_seconds{provider=\"cloudflare\"} 1")
              && m.contains("lanyard_certificate_renewal_failures_total{name=\"legacy\"}");
        });
        assertThat(Dig.query(dnsPort, "sonarr.example.com", "A").values()).containsExactly("10.11.1.22");

        String page = Chromium.dumpDom(url("/"));
        assertThat(page).doesNotContain("<script");
        assertThat(page).contains("Ready", "Leading", "holds the Lease default/lanyard");
        assertThat(table(page, "tailscale")).contains("grafana.example.com", "gateway-envoy.tail1234.ts.net")
            .doesNotContain("sonarr.example.com");
        assertThat(table(page, "lan")).contains("sonarr.example.com", "10.11.1.22", "httproute/media/sonarr",
            "plex.example.com", "10.11.1.30");
        assertThat(table(page, "public")).contains("sonarr.example.com", "external.example.com",
            "6f2c1c4e-8d1b-4d1f-9a51-2f0f3c7e9b10.cfargotunnel.com").doesNotContain("10.11.1.22");
        String sync = section(page, "sync");
        assertThat(sync).contains("data-provider=\"cloudflare\"", "in sync", "POST ");
        assertThat(sync).as("the last plan: the creates it applied, or nothing left to do after a later run")
            .containsAnyOf("+ create sonarr.example.com 300 CNAME [external.example.com]", "No changes: the provider matches.");
        assertThat(cloudflare.records("example.com", "sonarr.example.com", "CNAME")).hasSize(1);
        String certs = section(page, "certificates");
        assertThat(item(certs, "web")).contains("valid", "web.example.com, *.apps.example.com", "Expires", "Next renewal",
            "class=\"life\"", "class=\"renew\"", "dir ");
        assertThat(item(certs, "legacy")).contains("error", "legacy.example.com",
            "no-such-ca");
        assertThat(section(page, "problems")).contains("broken.yaml", "certificate legacy", "no-such-ca")
            .doesNotContain("None.");

        String filtered = Chromium.dumpDom(url("/?q=sonarr&view=lan"));
        assertThat(section(filtered, "records")).contains("sonarr.example.com", "1 of ")
            .doesNotContain("plex.example.com", "data-view=\"public\"", "data-view=\"tailscale\"");

        Path desktop = Chromium.screenshot(url("/"), SHOTS.resolve("status-page.png"), 1280, 2800);
        Path phone = Chromium.screenshot(url("/"), SHOTS.resolve("status-page-phone.png"), 412, 3200);

        String metrics = body("/metrics");
        for (String series : List.of("lanyard_dns_queries_total{", "lanyard_dns_query_duration_seconds_bucket{",
            "lanyard_dns_records{view=\"lan\"}", "lanyard_dns_records{view=\"public\"}", "lanyard_dns_zone_serial{",
            "lanyard_dns_rrl_limited_total{", "lanyard_source_synced{source=\"kubernetes\"} 1.0",
            "lanyard_source_synced{source=\"manifests\"} 1.0", "lanyard_source_last_change_timestamp_seconds{source=\"kubernetes\"}",
            "lanyard_source_problems{source=\"manifests\"} 1.0", "lanyard_state_problems{", "lanyard_state_generation ",
            "lanyard_sync_requests_total{", "lanyard_sync_errors_total{provider=\"cloudflare\"}",
            "lanyard_sync_rate_limit_waits_total{provider=\"cloudflare\"}", "lanyard_sync_last_success_timestamp_seconds{",
            "lanyard_certificate_not_after_seconds{name=\"web\"}", "lanyard_certificate_issuance_total{",
            "lanyard_certificate_renewal_failures_total{name=\"legacy\"}", "lanyard_leader 1.0", "lanyard_ready 1.0",
            "jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ")) {
          assertThat(metrics).as("/metrics has %s", series).contains(series);
        }
        assertThat(metrics).containsPattern("lanyard_dns_queries_total\\{[^}]*qtype=\"A\"[^}]*rcode=\"NOERROR\"[^}]*view=\"lan\"");

        List<String> secrets = Stream.of(home.resolve("certs/web/privkey.pem"), home.resolve("ca/root-key.pem"))
            .filter(Files::isRegularFile).flatMap(f -> pemBody(f).stream()).toList();
        assertThat(secrets).as("private keys to look for").isNotEmpty();
        for (String shown : List.of(page, metrics, body("/readyz"))) {
          assertThat(shown).doesNotContain(CF_TOKEN, "e2e-kube-token", "PRIVATE KEY");
          secrets.forEach(line -> assertThat(shown).doesNotContain(line));
        }
        System.out.printf("status page: /readyz 503 (\"source kubernetes has not ...\") while the API was down, 200 %d ms "
            + "after it came up; page shows 3 views of records, the Cloudflare plan, certificates web (valid) and legacy "
            + "(error), and the broken manifest; /metrics has the documented series; no token or key shown; "
            + "screenshots %s and %s; %d s in all%n", flip.toMillis(), desktop, phone,
            Duration.ofNanos(System.nanoTime() - t0).toSeconds());
      }
    }
  }

  /** The body lines of a PEM file, long enough to be unmistakable. */
  private static List<String> pemBody(Path pem) {
    try {
      return Files.readAllLines(pem).stream().filter(l -> !l.startsWith("-----") && l.length() >= 40).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The records table of one view. */
  private static String table(String page, String view) {
    int start = page.indexOf("data-view=\"" + view + "\"");
    assertThat(start).as("a records table for view %s", view).isPositive();
    return page.substring(start, page.indexOf("</table>", start));
  }

  private static String section(String page, String id) {
    int start = page.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section %s", id).isPositive();
    return page.substring(start, page.indexOf("</section>", start));
  }

  private static String item(String certificates, String name) {
    int start = certificates.indexOf("data-certificate=\"" + name + "\"");
    assertThat(start).as("certificate %s", name).isPositive();
    return certificates.substring(start, certificates.indexOf("</li>", start));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String body(String path) {
    try {
      return get(path).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
