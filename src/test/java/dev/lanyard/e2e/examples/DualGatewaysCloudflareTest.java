package dev.lanyard.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import dev.lanyard.e2e.support.UnboundForwarder;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import dev.lanyard.sync.cloudflare.fake.RequestKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup 2 of issue 8 (seeds 002 and 003), end to end with the built {@code lanyard}: the example
 * examples/dual-gateways-cloudflare, copied to a temp dir and run with a test overlay of its
 * lanyard.yaml that only moves the outside world onto this machine — free ports, the Cloudflare API
 * fake for api.cloudflare.com, a real Pebble for Let's Encrypt, pebble-challtestsrv for Cloudflare's
 * nameservers (the fake publishes the TXT records it holds there), and unbound on 127.0.0.3 as the
 * LAN resolver. The Cloudflare zone starts as a user moving from external-dns has it: records of
 * others, records of the staging cluster's external-dns, and records this cluster's external-dns
 * (owner {@code homelab}, prefix {@code k8s.}) made. The steps build on each other and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DualGatewaysCloudflareTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "e2e-cloudflare-token";
  private static final String ZONE = "example.com";
  private static final String TUNNEL = "6f2c1c4e-8d1b-4d1f-9a51-2f0f3c7e9b10.cfargotunnel.com";
  private static final String LAN_RESOLVER = "127.0.0.3";
  private static final String EXTERNAL_IP = "10.11.1.22";
  private static final String INTERNAL_IP = "10.11.1.21";
  private static final String CHALLENGE = "_acme-challenge.example.com";
  private static final Map<String, String> ENV = Map.of("CF_API_TOKEN", TOKEN);

  private Path temp;
  private Path work;
  private Path config;
  private int dnsPort;
  private ChallTestSrv challtestsrv;
  private Pebble pebble;
  private FakeCloudflare cloudflare;
  private UnboundForwarder unbound;
  private LanyardProcess lanyard;
  private java.time.Instant serveStarted;
  /** The records of others, exactly as seeded (ids and modification times included). */
  private final List<FakeRecord> foreign = new ArrayList<>();
  /** The records this cluster's external-dns made for sonarr, which Lanyard must adopt as they are. */
  private final List<FakeRecord> adopted = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    this.temp = temp;
    work = temp.resolve("dual-gateways-cloudflare");
    copyExample(Repo.root().resolve("examples/dual-gateways-cloudflare"), work);
    challtestsrv = ChallTestSrv.start(Files.createDirectories(temp.resolve("challtestsrv")), "challtestsrv");
    pebble = Pebble.start(Files.createDirectories(temp.resolve("pebble")), challtestsrv, Pebble.Options.defaults());
    cloudflare = FakeCloudflare.builder().token(TOKEN).zone(ZONE).start().mirrorTxtTo(challtestsrv.management());
    seedTheZoneAsExternalDnsLeftIt();
    dnsPort = FreePorts.tcpAndUdp();
    config = writeOverlay(work.resolve("lanyard.yaml"), work.resolve("lanyard.e2e.yaml"));
  }

  @AfterAll
  void stop() {
    Stream.of(lanyard, unbound, cloudflare, pebble, challtestsrv).filter(java.util.Objects::nonNull).forEach(c -> {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("closing " + c + ": " + e);
      }
    });
    System.out.println("\n== examples/dual-gateways-cloudflare (seeds 002 + 003), end to end ==");
    summary.forEach(s -> System.out.println("  - " + s));
  }

  private void seedTheZoneAsExternalDnsLeftIt() {
    foreign.add(cloudflare.seed(ZONE, "TXT", "\"v=spf1 include:_spf.example.net -all\"", 3600, false));
    foreign.add(cloudflare.seed("www.example.com", "A", "203.0.113.10", 300, false));
    foreign.add(cloudflare.seed("status.example.com", "CNAME", "status.example.net", 1, true));
    // The staging cluster's external-dns (seed 003 runs two clusters): another owner, never touched.
    foreign.add(cloudflare.seed("blog.example.com", "CNAME", "external.example.com", 1, true));
    foreign.add(cloudflare.seed("k8s.cname-blog.example.com", "TXT", registry("staging", "httproute/default/blog"), 1, false));
    // This cluster's external-dns: sonarr still has its route, overseerr's route is gone.
    adopted.add(cloudflare.seed("sonarr.example.com", "CNAME", "external.example.com", 1, true));
    adopted.add(cloudflare.seed("k8s.cname-sonarr.example.com", "TXT", registry("homelab", "httproute/media/sonarr"), 1, false));
    cloudflare.seed("overseerr.example.com", "CNAME", "external.example.com", 1, true);
    cloudflare.seed("k8s.cname-overseerr.example.com", "TXT", registry("homelab", "httproute/media/overseerr"), 1, false);
  }

  /** An ownership TXT value as external-dns writes it (quotes included, as Cloudflare stores it). */
  private static String registry(String owner, String resource) {
    return "\"heritage=external-dns,external-dns/owner=" + owner + ",external-dns/resource=" + resource + "\"";
  }

  @Test
  @Order(1)
  void planShowsTheMigrationAndWritesNothing() throws Exception {
    ProcessRun text = LanyardProcess.run(work, ENV, "plan", "--config", config.toString());
    assertThat(text.exitCode()).as(text.stderr()).isZero();
    assertThat(text.stdout()).contains("provider cloudflare (cloudflare, zones [example.com], policy sync): 6 changes");

    ProcessRun json = LanyardProcess.run(work, ENV, "plan", "--config", config.toString(), "--output", "json");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    JsonNode plan = JSON.readTree(json.stdout()).get(0);
    List<String> changes = new ArrayList<>();
    plan.path("changes").forEach(c -> changes.add(c.path("action").asText() + " " + c.path("name").asText() + " "
        + c.path("type").asText() + " " + c.path("values").get(0).asText()));
    assertThat(changes).containsExactlyInAnyOrder(
        "create echo.example.com CNAME external.example.com",
        "create k8s.cname-echo.example.com TXT " + unquote(registry("homelab", "httproute/default/echo")),
        "create external.example.com CNAME " + TUNNEL,
        "create k8s.cname-external.example.com TXT " + unquote(registry("homelab", "dnsendpoint/network/cloudflare-tunnel")),
        "delete overseerr.example.com CNAME external.example.com",
        "delete k8s.cname-overseerr.example.com TXT " + unquote(registry("homelab", "httproute/media/overseerr")));
    assertThat(plan.path("conflicts")).isEmpty();
    assertThat(cloudflare.writeRequests()).as("lanyard plan writes nothing").isZero();
    summary.add("lanyard plan: 6 changes (echo + tunnel CNAMEs with TXT, overseerr deleted), sonarr adopted as is, "
        + "no foreign name, 0 writes");
  }

  @Test
  @Order(2)
  void serveGivesTheLanTheGatewayAddressesThroughUnbound() {
    long t0 = System.nanoTime();
    serveStarted = java.time.Instant.now();
    lanyard = LanyardProcess.start(work, ENV, "serve", "--config", config.toString());
    lanyard.await("DNS serving the example's names", Duration.ofSeconds(30),
        () -> Dig.query(dnsPort, "echo.example.com", "CNAME").rcode().equals("NOERROR")
            && !Dig.query(dnsPort, "echo.example.com", "CNAME").answer().isEmpty());
    long servingMs = ms(t0);
    unbound = UnboundForwarder.start(temp.resolve("unbound"), LAN_RESOLVER, dnsPort, List.of(ZONE));
    unbound.await(ZONE, "NOERROR", Duration.ofSeconds(15));

    assertThat(aOf(unbound.query("sonarr.example.com", "A"))).containsExactly(EXTERNAL_IP);
    assertThat(aOf(unbound.query("echo.example.com", "A"))).containsExactly(EXTERNAL_IP);
    assertThat(aOf(unbound.query("home.example.com", "A"))).containsExactly(INTERNAL_IP);
    assertThat(aOf(unbound.query("grafana.example.com", "A"))).containsExactly(INTERNAL_IP);
    Dig.Answer nope = unbound.query("nope.example.com", "A");
    assertThat(nope.rcode()).isEqualTo("NXDOMAIN");
    assertThat(nope.authority()).singleElement().asString().contains("SOA ns1.example.com.");
    // The LAN goes straight to the gateways, never through the tunnel name, which only the public view has.
    assertThat(unbound.query("external.example.com", "A").rcode()).isEqualTo("NXDOMAIN");
    assertThat(unbound.query("sonarr.example.com", "A").types()).doesNotContain("CNAME");

    // Anyone else (here: a client on 127.0.0.1, outside the LAN view) sees the public view.
    Dig.Answer pub = Dig.query(dnsPort, "echo.example.com", "A");
    assertThat(pub.answer()).containsExactly("echo.example.com. 300 IN CNAME external.example.com.",
        "external.example.com. 300 IN CNAME " + TUNNEL + ".");
    assertThat(Dig.query(dnsPort, "grafana.example.com", "A").rcode()).isEqualTo("NXDOMAIN");
    summary.add("unbound (from " + LAN_RESOLVER + ", forward-zone example.com -> lanyard): sonarr/echo -> " + EXTERNAL_IP
        + ", home/grafana -> " + INTERNAL_IP + ", nope -> NXDOMAIN with SOA; other clients get the public view "
        + "(echo CNAME external.example.com, grafana NXDOMAIN); DNS up " + servingMs + " ms after start");
  }

  @Test
  @Order(3)
  void cloudflareEndsWithExactlyThePublicRecords() {
    lanyard.await("Cloudflare to hold the public records", Duration.ofSeconds(30), () -> publicRecordsAreIn(List.of()));
    // The certificate may be on its way: its challenge records come and go (the next step checks they went).
    assertThat(zone().stream().filter(r -> !r.startsWith(CHALLENGE + " "))).containsExactlyInAnyOrderElementsOf(expectedZone(List.of()));
    assertThat(cloudflare.records(ZONE)).as("records of others, untouched (same id, content, modification time)")
        .containsAll(foreign);
    assertThat(cloudflare.records(ZONE)).as("external-dns's sonarr records, adopted without a write").containsAll(adopted);
    assertThat(cloudflare.records(ZONE, "echo.example.com", "CNAME")).singleElement()
        .satisfies(r -> assertThat(r.ttl()).isEqualTo(1));
    assertThat(cloudflare.records(ZONE)).noneMatch(r -> r.name().startsWith("home.") || r.name().startsWith("grafana.")
        || r.name().contains("-home.") || r.name().contains("-grafana."));
    java.time.Instant written = cloudflare.records(ZONE).stream().filter(r -> !adopted.contains(r) && !foreign.contains(r))
        .filter(r -> !r.name().equals(CHALLENGE)).map(FakeRecord::createdOn).max(Comparator.naturalOrder()).orElseThrow();
    summary.add("Cloudflare fake: exactly " + expectedZone(List.of()).size() + " records, the last written "
        + Duration.between(serveStarted, written).toMillis() + " ms after serve started: "
        + "proxied CNAMEs echo -> external.example.com and external -> tunnel, their k8s.cname-* TXT in external-dns "
        + "format, sonarr adopted (same id and modified_on), overseerr (owned, route gone) deleted, "
        + foreign.size() + " foreign records untouched, nothing for home/grafana");
  }

  @Test
  @Order(4)
  void pebbleIssuesTheWildcardThroughTheCloudflareSolver() throws Exception {
    Path dir = work.resolve("certs/network/wildcard-tls");
    lanyard.await("wildcard-tls in the directory store", Duration.ofSeconds(60),
        () -> Files.isRegularFile(dir.resolve("fullchain.pem")) && Files.isRegularFile(dir.resolve("privkey.pem")));
    lanyard.await("the challenge records to leave Cloudflare", Duration.ofSeconds(20),
        () -> cloudflare.records(ZONE, CHALLENGE, "TXT").isEmpty());

    Path root = Files.writeString(temp.resolve("pebble-root.pem"), pebble.rootPem());
    ProcessRun verify = ProcessRun.run(work, Map.of(), List.of(Repo.binary("openssl", "openssl").toString(), "verify",
        "-CAfile", root.toString(), "-untrusted", dir.resolve("chain.pem").toString(), dir.resolve("cert.pem").toString()), 30);
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(verify.stdout()).contains("cert.pem: OK");
    X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem"))));
    List<String> sans = leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    assertThat(sans).containsExactlyInAnyOrder("*.example.com", ZONE);
    // The Certificate sets no privateKey: cert-manager's default, RSA 2048, as the Secret it left holds.
    assertThat(leaf.getPublicKey()).isInstanceOfSatisfying(java.security.interfaces.RSAPublicKey.class,
        k -> assertThat(k.getModulus().bitLength()).isEqualTo(2048));
    assertThat(Files.getPosixFilePermissions(dir.resolve("privkey.pem")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    // Pebble found the values at challtestsrv, where only the fake's copy of its own TXT records puts them;
    // both (apex and wildcard) were created in Cloudflare one by one and deleted again.
    assertThat(challtestsrv.txtQueries(CHALLENGE)).isPositive();
    assertThat(cloudflare.requests(RequestKind.CREATE)).isEqualTo(2);
    assertThat(cloudflare.requests(RequestKind.DELETE)).isEqualTo(2);
    assertThat(challtestsrv.txt(CHALLENGE)).isEmpty();
    assertThat(lanyard.log()).contains("published ACME challenge TXT at _acme-challenge.example.com in Cloudflare zone example.com");
    assertThat(zone()).containsExactlyInAnyOrderElementsOf(expectedZone(List.of()));

    ProcessRun list = LanyardProcess.run(work, ENV, "certs", "list", "--config", config.toString());
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout()).contains("network/wildcard-tls  (issuer letsencrypt-prod, from certificate/network/wildcard-tls)")
        .contains("names:        example.com, *.example.com")
        .contains("serial:       " + SerialNumbers.hex(leaf.getSerialNumber()));
    assertThat(list.stderr()).as("certs list must not claim the issuer is unusable").doesNotContain("cannot be used");
    summary.add("Pebble issued wildcard-tls [*.example.com, example.com] (RSA 2048, cert-manager's default) via the Cloudflare solver (2 TXT values at "
        + CHALLENGE + " created in the fake, mirrored to challtestsrv, Pebble asked " + challtestsrv.txtQueries(CHALLENGE)
        + " times, both deleted afterwards); openssl verify OK against Pebble's root; on disk "
        + Duration.between(serveStarted, Files.getLastModifiedTime(dir.resolve("fullchain.pem")).toInstant()).toMillis()
        + " ms after serve started; lanyard certs list shows it");
  }

  @Test
  @Order(5)
  void aNewExternalRouteReachesCloudflareAsOneWrite() throws Exception {
    awaitQuietCloudflare();
    cloudflare.resetCounters();
    Path route = work.resolve("kubernetes/main/apps/media/radarr/app/httproute.yaml");
    Files.createDirectories(route.getParent());
    long t0 = System.nanoTime();
    Files.writeString(route, """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: radarr
        spec:
          parentRefs:
            - name: envoy-external
              namespace: network
          hostnames:
            - radarr.${SECRET_DOMAIN}
          rules:
            - backendRefs:
                - name: radarr
                  port: 80
        """);
    lanyard.await("radarr in Cloudflare", Duration.ofSeconds(10),
        () -> !cloudflare.records(ZONE, "radarr.example.com", "CNAME").isEmpty()
            && !cloudflare.records(ZONE, "k8s.cname-radarr.example.com", "TXT").isEmpty());
    long latency = ms(t0);
    awaitQuietCloudflare();
    assertThat(latency).as("file written -> records in Cloudflare").isLessThan(5_000);
    assertThat(cloudflare.writeRequests()).as("writes: %s", cloudflare.requestLog()).isEqualTo(1);
    assertThat(cloudflare.requests(RequestKind.BATCH)).isEqualTo(1);
    assertThat(cloudflare.listRequests()).as("listings: %s", cloudflare.requestLog()).isZero();
    assertThat(cloudflare.totalRequests()).as("requests: %s", cloudflare.requestLog()).isEqualTo(1);
    assertThat(zone()).containsExactlyInAnyOrderElementsOf(expectedZone(List.of("radarr")));
    assertThat(aOf(unbound.query("radarr.example.com", "A"))).containsExactly(EXTERNAL_IP);
    summary.add("new HTTPRoute file (radarr, envoy-external) -> proxied CNAME + TXT in Cloudflare " + latency
        + " ms after the file was written, with 1 request (1 batch write, 0 listings); LAN answers " + EXTERNAL_IP);
  }

  @Test
  @Order(6)
  void planAndSyncOnceApplyARemovedRouteAfterServeStops() throws Exception {
    lanyard.close();
    Files.delete(work.resolve("kubernetes/main/apps/media/radarr/app/httproute.yaml"));
    cloudflare.resetCounters();

    ProcessRun plan = LanyardProcess.run(work, ENV, "plan", "--config", config.toString());
    assertThat(plan.exitCode()).as(plan.stderr()).isZero();
    assertThat(plan.stdout()).contains("policy sync): 2 changes")
        .contains("- delete radarr.example.com 1 CNAME [external.example.com] {cloudflare-proxied=true}")
        .contains("- delete k8s.cname-radarr.example.com 1 TXT");
    assertThat(cloudflare.writeRequests()).isZero();

    ProcessRun sync = LanyardProcess.run(work, ENV, "sync", "--once", "--config", config.toString());
    assertThat(sync.exitCode()).as(sync.stdout() + sync.stderr()).isZero();
    assertThat(sync.stdout()).contains("cloudflare: 2 change(s) applied");
    assertThat(cloudflare.requests(RequestKind.BATCH)).isEqualTo(1);
    assertThat(zone()).containsExactlyInAnyOrderElementsOf(expectedZone(List.of()));
    assertThat(cloudflare.records(ZONE)).containsAll(foreign).containsAll(adopted);

    ProcessRun again = LanyardProcess.run(work, ENV, "plan", "--config", config.toString());
    assertThat(again.stdout()).contains("policy sync): no changes");
    ProcessRun noop = LanyardProcess.run(work, ENV, "sync", "--once", "--config", config.toString());
    assertThat(noop.exitCode()).isZero();
    assertThat(noop.stdout()).contains("cloudflare: 0 change(s) applied");
    assertThat(cloudflare.requests(RequestKind.BATCH)).as("a converged zone costs no write").isEqualTo(1);
    summary.add("serve stopped, radarr's file removed: lanyard plan prints its 2 deletes, lanyard sync --once applies "
        + "them in 1 batch (exit 0), then plan says no changes and sync --once writes nothing");
  }

  // --- helpers ---

  /** The zone as name, type, unquoted content and proxied flag, sorted. */
  private List<String> zone() {
    return cloudflare.records(ZONE).stream().map(r -> r.name() + " " + r.type() + " " + r.unquotedContent()
        + (r.proxied() ? " proxied" : "")).sorted().toList();
  }

  private List<String> expectedZone(List<String> extraExternalApps) {
    List<String> out = new ArrayList<>();
    for (FakeRecord r : foreign) {
      out.add(r.name() + " " + r.type() + " " + r.unquotedContent() + (r.proxied() ? " proxied" : ""));
    }
    out.add("sonarr.example.com CNAME external.example.com proxied");
    out.add("k8s.cname-sonarr.example.com TXT " + unquote(registry("homelab", "httproute/media/sonarr")));
    out.add("echo.example.com CNAME external.example.com proxied");
    out.add("k8s.cname-echo.example.com TXT " + unquote(registry("homelab", "httproute/default/echo")));
    out.add("external.example.com CNAME " + TUNNEL + " proxied");
    out.add("k8s.cname-external.example.com TXT " + unquote(registry("homelab", "dnsendpoint/network/cloudflare-tunnel")));
    for (String app : extraExternalApps) {
      out.add(app + ".example.com CNAME external.example.com proxied");
      out.add("k8s.cname-" + app + ".example.com TXT " + unquote(registry("homelab", "httproute/media/" + app)));
    }
    return out.stream().sorted().toList();
  }

  private boolean publicRecordsAreIn(List<String> extra) {
    return zone().containsAll(expectedZone(extra)) && cloudflare.records(ZONE, "overseerr.example.com", "CNAME").isEmpty();
  }

  /** Waits until the fake has had no request for half a second, so counters reset now count only what follows. */
  private void awaitQuietCloudflare() throws InterruptedException {
    long last = -1;
    long stableSince = System.nanoTime();
    while (ms(stableSince) < 500) {
      long now = cloudflare.totalRequests();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      }
      Thread.sleep(50);
    }
  }

  private static List<String> aOf(Dig.Answer a) {
    assertThat(a.rcode()).as(a.raw()).isEqualTo("NOERROR");
    return a.answer().stream().filter(r -> r.split(" ")[3].equals("A")).map(r -> r.split(" ")[4]).toList();
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1);
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * The example's lanyard.yaml with only the outside world moved onto this machine; every other line
   * (views, gateways, sources, owner, prefix, proxied, the issuer and its solver) is the example's.
   */
  private Path writeOverlay(Path example, Path target) throws IOException {
    ObjectNode c = (ObjectNode) YAML.readTree(example.toFile());
    ((ObjectNode) c.get("dns")).putArray("listen").add("127.0.0.1:" + dnsPort);
    c.putObject("http").put("listen", "127.0.0.1:" + FreePorts.tcpAndUdp());
    // The LAN resolver of this test is unbound on 127.0.0.3; other loopback clients stand for the internet.
    ArrayNode clients = (ArrayNode) named(c.get("views"), "lan").get("clients");
    List<String> lan = new ArrayList<>();
    clients.forEach(n -> lan.add(n.asText().equals("127.0.0.0/8") ? LAN_RESOLVER + "/32" : n.asText()));
    assertThat(lan).as("the example's LAN view").contains(LAN_RESOLVER + "/32");
    clients.removeAll();
    lan.forEach(clients::add);
    ObjectNode cf = (ObjectNode) named(c.path("sync").get("providers"), "cloudflare").get("cloudflare");
    assertThat(cf.path("apiTokenEnv").asText()).isEqualTo("CF_API_TOKEN");
    cf.put("baseUrl", cloudflare.baseUrl());
    ObjectNode acme = (ObjectNode) named(c.path("certificates").get("issuers"), "letsencrypt-prod").get("acme");
    assertThat(acme.path("solver").path("type").asText()).isEqualTo("cloudflare");
    acme.put("directory", pebble.directory());
    acme.put("trust", pebble.trustFile().toString());
    acme.putArray("nameservers").add(challtestsrv.dns().host() + ":" + challtestsrv.dns().port());
    YAML.writeValue(target.toFile(), c);
    return target;
  }

  private static ObjectNode named(JsonNode list, String name) {
    for (JsonNode n : list) {
      if (n.path("name").asText().equals(name)) {
        return (ObjectNode) n;
      }
    }
    throw new AssertionError("the example's lanyard.yaml has no entry named " + name + " in " + list);
  }

  /** Copies the example as it is in git: no certificates, account keys or local runs of try-locally.sh. */
  private static void copyExample(Path from, Path to) throws IOException {
    Set<String> skip = Set.of("certs", ".local", "lanyard.local.yaml", "acme-account.pem", "acme-account.pem.json");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && skip.contains(rel.getName(0).toString())) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
