package dev.lanyard.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.ca.CaInit;
import dev.lanyard.ca.KeyKind;
import dev.lanyard.certificates.CertificateStatus;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the whole service against one API server (the CRUD mock), one Cloudflare (the
 * fake) and one certificate directory: only the leader syncs and issues; after it stops, the other
 * takes over and neither writes a record nor issues a certificate a second time.
 */
class TwoReplicasTest {
  static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir
  Path dir;

  KubernetesMockServer api;
  FakeCloudflare cloudflare;
  final List<Lanyard> replicas = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    api.init();
    cloudflare = FakeCloudflare.builder().token("cf-test-token").zone("example.com").start();
    copy(Path.of("..", "examples", "homelab", "kubernetes"), dir.resolve("manifests"));
    Files.copy(Path.of("..", "examples", "homelab", "cluster-settings.env"), dir.resolve("cluster-settings.env"));
    Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
        current-context: mock
        users: [{name: mock, user: {token: kube-test-token}}]
        """.formatted(api.getPort()));
    Files.writeString(dir.resolve("cf-token"), "cf-test-token\n");
    CaInit.run(dir.resolve("ca"), "Replica Test CA", KeyKind.parse("ecdsa-p256").orElseThrow(), false, List.of());
    Files.writeString(dir.resolve("lanyard.yaml"), """
        zones: [{name: example.com, ttl: 300, nameservers: [{name: ns1.example.com, addresses: [10.11.1.53]}]}]
        dns: {listen: ["127.0.0.1:0"]}
        views:
          - {name: lan, clients: ["127.0.0.0/8"]}
          - {name: public, public: true}
        gateways:
          network/envoy-external: {views: [lan, public]}
          network/envoy-internal: {views: [lan]}
        sources:
          manifests: {paths: [./manifests], vars: ./cluster-settings.env}
          kubernetes: {enabled: true, kubeconfig: ./kubeconfig}
        sync:
          owner: replicas
          interval: 1h
          providers:
            - {name: cloudflare, type: cloudflare, zones: [example.com], cloudflare: {apiTokenFile: ./cf-token, baseUrl: "%s"}}
        certificates:
          issuers: [{name: internal, ca: {dir: ./ca}}]
          certificates:
            - {name: web, issuer: internal, dnsNames: [web.example.com], stores: [{dir: ./certs/web}]}
        http: {listen: "127.0.0.1:0"}
        leaderElection: {leaseDuration: 3s, renewDeadline: 2s, retryPeriod: 250ms}
        """.formatted(cloudflare.baseUrl()));
  }

  @AfterEach
  void stop() {
    replicas.forEach(Lanyard::close);
    cloudflare.close();
    api.destroy();
  }

  private Lanyard replica(String name) throws Exception {
    LanyardConfig config = ConfigLoader.load(dir.resolve("lanyard.yaml"));
    Lanyard l = Lanyard.start(config, x -> new LeaseLeadership(x.kube().orElseThrow(), x.config().leaderElection(), "dns", name));
    replicas.add(l);
    return l;
  }

  @Test
  void onlyTheLeaderSyncsAndIssuesAndTheTakeOverRepeatsNothing() throws Exception {
    Lanyard a = replica("replica-a");
    await().atMost(Duration.ofSeconds(15)).until(() -> a.leadership().isLeader());
    Lanyard b = replica("replica-b");
    await().atMost(Duration.ofSeconds(15)).until(() -> b.readiness().ready());

    await().atMost(Duration.ofSeconds(20)).until(() -> names().contains("echo.example.com")
        && a.certificates().status().getFirst().notAfter().isPresent());
    Thread.sleep(LEASE.toMillis()); // let the standby's retries run a while
    assertThat(b.leadership().isLeader()).isFalse();
    assertThat(b.sync().status().getFirst().requests()).as("the standby never called Cloudflare").isEmpty();
    assertThat(b.certificates().status().getFirst().notAfter()).as("the standby never looked at the certificate").isEmpty();
    assertThat(metric(a, "lanyard_leader")).isEqualTo("1.0");
    assertThat(metric(b, "lanyard_leader")).isEqualTo("0.0");
    assertThat(page(b)).contains("Standby", "Lease dns/lanyard held by replica-a");
    long writes = cloudflare.writeRequests();
    List<String> records = records();
    String serial = a.certificates().status().getFirst().serial().orElseThrow();
    assertThat(issued(a)).isEqualTo(1);

    long stoppedAt = System.nanoTime();
    a.close();
    await().atMost(LEASE).until(() -> b.leadership().isLeader());
    Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
    await().atMost(Duration.ofSeconds(15)).until(() -> b.sync().status().getFirst().lastSync().isPresent()
        && b.certificates().status().getFirst().notAfter().isPresent());
    CertificateStatus web = b.certificates().status().getFirst();
    assertThat(web.serial()).as("the new leader kept the certificate in place").hasValue(serial);
    assertThat(issued(b)).as("the new leader issued nothing").isZero();
    assertThat(cloudflare.writeRequests()).as("the new leader found Cloudflare in sync and wrote nothing").isEqualTo(writes);
    assertThat(records()).isEqualTo(records);
    assertThat(metric(b, "lanyard_leader")).isEqualTo("1.0");

    Files.writeString(dir.resolve("manifests/new.yaml"), """
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: status, namespace: network, annotations: {lanyard.dev/views: public}}
        spec:
          endpoints: [{dnsName: status.example.com, recordType: A, targets: [203.0.113.9]}]
        """);
    await().atMost(Duration.ofSeconds(15)).until(() -> names().contains("status.example.com"));
    assertThat(records()).doesNotHaveDuplicates();
    System.out.printf("two replicas: replica-a led (%d Cloudflare writes, certificate %s issued once); replica-b stood "
        + "by without a single Cloudflare request or issuance; after replica-a stopped, replica-b took over in %d ms "
        + "(lease %d ms), re-wrote nothing, re-issued nothing, and then synced a new record itself%n",
        writes, serial, takeover.toMillis(), LEASE.toMillis());
  }

  private List<String> names() {
    return cloudflare.records("example.com").stream().map(FakeRecord::name).toList();
  }

  /** Every Cloudflare record as name/type/content, sorted. */
  private List<String> records() {
    return cloudflare.records("example.com").stream().map(r -> r.name() + " " + r.type() + " " + r.content())
        .sorted().toList();
  }

  private static long issued(Lanyard l) {
    return (long) l.registry().find("lanyard.certificate.issuance").tag("result", "success").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private String metric(Lanyard l, String name) throws Exception {
    String body = get(l, "/metrics");
    return body.lines().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length() + 1))
        .findFirst().orElseThrow(() -> new AssertionError(name + " missing from /metrics"));
  }

  private String page(Lanyard l) throws Exception {
    return get(l, "/");
  }

  private String get(Lanyard l, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + l.httpAddress().orElseThrow().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      Map<Path, Path> targets = files.collect(Collectors.toMap(p -> p, p -> to.resolve(from.relativize(p).toString())));
      for (var e : targets.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        if (Files.isDirectory(e.getKey())) {
          Files.createDirectories(e.getValue());
        } else {
          Files.copy(e.getKey(), e.getValue());
        }
      }
    }
  }
}
