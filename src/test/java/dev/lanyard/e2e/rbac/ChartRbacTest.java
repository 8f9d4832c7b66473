package dev.lanyard.e2e.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.KubeApi;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's RBAC against what Lanyard really calls. For a chart case (rendered by charts/test/run.sh
 * with helm), the lanyard.yaml the chart puts in its ConfigMap is run by the real {@code lanyard serve}
 * (listeners moved to free loopback ports, the ACME directory to Pebble, Cloudflare to the fake) against
 * fabric8's CRUD mock API server, which records every request: the Kubernetes source's informers, the
 * CA Secrets, certificate Secrets (created and updated), the ACME account Secret (created and patched)
 * and the Lease (created, renewed, released). Every request must be allowed by the Roles and
 * ClusterRole the chart binds to the pod's ServiceAccount, and the ClusterRole must grant no kind
 * Lanyard never reads and no verb beyond reading.
 */
class ChartRbacTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path RENDERED = Path.of("target", "rbac-chart").toAbsolutePath();
  private static final String POD = "lanyard-rbac-test-0";
  /** The ClusterRole's verbs. The issue asks for get, list and watch on the kinds read; the informers use list and watch. */
  private static final Set<String> READ = Set.of("get", "list", "watch");

  @TempDir
  static Path dir;

  private static Path chart;
  private static ChallTestSrv caDns;
  private static Pebble pebble;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void renderChartAndStartPebble() throws IOException {
    ProcessRun run = ProcessRun.run(Repo.root(), Map.of("LANYARD_CHART_OUT", RENDERED.toString()),
        List.of("bash", "charts/test/run.sh"), 600);
    assertThat(run.exitCode()).as("charts/test/run.sh:%n%s%n%s", run.stdout(), run.stderr()).isZero();
    try (Stream<Path> versions = Files.list(RENDERED)) {
      chart = versions.filter(p -> p.getFileName().toString().startsWith("v3")).findFirst()
          .orElseThrow(() -> new AssertionError("no helm 3 rendering under " + RENDERED));
    }
    caDns = ChallTestSrv.start(dir, "challtestsrv");
    pebble = Pebble.start(dir, caDns, Pebble.Options.defaults());
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
    if (caDns != null) {
      caDns.close();
    }
  }

  @ParameterizedTest(name = "chart case {0}")
  @ValueSource(strings = {"homelab", "full"})
  void everyApiCallIsAllowedAndTheClusterRoleGrantsOnlyReadsOfWhatIsRead(String chartCase) throws Exception {
    long t0 = System.nanoTime();
    List<JsonNode> objects = readAll(chart.resolve(chartCase).resolve("manifests.yaml"));
    JsonNode deployment = only(objects, "Deployment");
    String releaseNamespace = deployment.path("metadata").path("namespace").asText();
    String serviceAccount = deployment.path("spec").path("template").path("spec").path("serviceAccountName").asText();
    RenderedRbac rbac = RenderedRbac.forServiceAccount(objects, releaseNamespace, serviceAccount);
    ObjectNode config = (ObjectNode) YAML.readTree(only(objects, "ConfigMap").path("data").path("lanyard.yaml").asText());
    Path work = Files.createDirectories(dir.resolve(chartCase));

    try (KubeApi api = KubeApi.start();
        FakeCloudflare cloudflare = FakeCloudflare.builder().token("cf-rbac-token")
            .zone(config.path("zones").path(0).path("name").asText()).start()) {
      KubernetesClient kube = api.client();
      Expectations expect = localize(config, work, api, cloudflare, kube, releaseNamespace);
      Path file = work.resolve("lanyard.yaml");
      YAML.writeValue(file.toFile(), config);
      int httpPort = Integer.parseInt(config.path("http").path("listen").asText().replaceAll(".*:", ""));

      try (LanyardProcess lanyard = LanyardProcess.start(work,
          Map.of("POD_NAME", POD, "POD_NAMESPACE", releaseNamespace), "serve", "--config", file.toString())) {
        lanyard.await("readiness", Duration.ofSeconds(60), () -> status(httpPort, "/readyz") == 200);
        lanyard.await("the Lease, the ACME account and the certificate Secrets", Duration.ofSeconds(90), () ->
            holder(kube, expect.lease()).equals(Optional.of(POD))
                && expect.accountSecrets().stream().allMatch(s -> data(kube, s).containsKey("acme-accounts.json"))
                && expect.writtenSecrets().stream().allMatch(s -> data(kube, s).containsKey("tls.key")
                    && !new String(Base64.getDecoder().decode(data(kube, s).get("tls.crt")), StandardCharsets.US_ASCII)
                        .equals("not a certificate")));
        Thread.sleep(1500); // a few Lease renewals
      }
      Lease released = kube.leases().inNamespace(expect.lease()[0]).withName(expect.lease()[1]).get();
      assertThat(released.getSpec().getLeaseDurationSeconds()).as("the Lease was released on shutdown").isEqualTo(1);

      List<ApiRequest> calls = api.lanyardCalls().stream().map(ApiRequest::of).toList();
      Map<String, String> allowedBy = new TreeMap<>();
      List<String> denied = new ArrayList<>();
      for (ApiRequest call : calls) {
        Optional<RenderedRbac.Rule> rule = rbac.allowing(call);
        if (rule.isPresent()) {
          allowedBy.put(call.toString(), rule.get().source());
        } else {
          denied.add(call.toString());
        }
      }
      assertThat(new TreeSet<>(denied)).as("API calls the chart's RBAC does not allow (case %s)", chartCase).isEmpty();

      Set<String> used = new TreeSet<>();
      for (ApiRequest c : calls) {
        used.add(c.group() + "|" + c.resource() + "|" + c.verb());
      }
      List<String> unusedClusterGrants = new ArrayList<>();
      List<String> readOnlyViolations = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      int readTriple = 0;
      for (RenderedRbac.Rule rule : rbac.rules()) {
        for (String g : rule.groups()) {
          for (String r : rule.resources()) {
            boolean kindUsed = used.stream().anyMatch(u -> u.startsWith(g + "|" + r + "|"));
            for (String v : rule.verbs()) {
              boolean verbUsed = used.contains(g + "|" + r + "|" + v);
              String grant = rule.source() + ": " + v + " " + (g.isEmpty() ? "core" : g) + "/" + r;
              if (rule.namespace().isEmpty()) {
                if (!READ.contains(v)) {
                  readOnlyViolations.add(grant);
                } else if (!kindUsed || (!verbUsed && !v.equals("get"))) {
                  unusedClusterGrants.add(grant);
                } else if (!verbUsed) {
                  readTriple++;
                }
              } else if (!verbUsed) {
                notes.add(grant + " (not called in this run)");
              }
            }
          }
        }
      }
      if (readTriple > 0) {
        notes.addFirst("ClusterRole: get on " + readTriple + " kinds (the read triple the issue asks for; the informers "
            + "only list and watch)");
      }
      assertThat(readOnlyViolations).as("the ClusterRole may only read").isEmpty();
      assertThat(unusedClusterGrants).as("ClusterRole grants for kinds or verbs Lanyard never calls").isEmpty();
      assertThat(rbac.rules()).as("the ClusterRole covers the informers").anyMatch(r -> r.namespace().isEmpty());

      System.out.printf("chart RBAC, case %s: %d API calls of %d kinds, every one allowed (%s); the ClusterRole grants "
          + "only reads of kinds Lanyard reads. Grants not exercised: %s. %d s%n", chartCase, calls.size(), allowedBy.size(),
          summary(allowedBy), notes.isEmpty() ? "none" : String.join("; ", notes),
          Duration.ofNanos(System.nanoTime() - t0).toSeconds());
    }
  }

  /**
   * What the localized run must do before its calls are complete.
   *
   * @param lease namespace and name
   * @param accountSecrets ACME account key Secrets, as namespace/name
   * @param writtenSecrets certificate Secrets the internal CA fills, as namespace/name
   */
  private record Expectations(String[] lease, List<String> accountSecrets, List<String> writtenSecrets) {}

  /**
   * Makes the pod's config runnable here, changing only what the pod's environment provides: listen
   * addresses, the kubeconfig, file paths, the ACME directory, the Cloudflare endpoint and token. It
   * also creates what the cluster would already hold: the CA Secrets, and an existing certificate
   * Secret with garbage in it (so Lanyard updates one).
   */
  private Expectations localize(ObjectNode config, Path work, KubeApi api, FakeCloudflare cloudflare, KubernetesClient kube,
      String releaseNamespace) throws IOException {
    ObjectNode dns = config.with("dns");
    dns.putArray("listen").add("127.0.0.1:" + FreePorts.tcpAndUdp());
    for (JsonNode view : config.path("views")) {
      if (view.has("listeners")) {
        ((ObjectNode) view).putArray("listeners").add("127.0.0.1:" + FreePorts.tcpAndUdp());
      }
    }
    config.with("http").put("listen", "127.0.0.1:" + FreePorts.tcpAndUdp());
    config.with("sources").with("kubernetes").put("kubeconfig", api.writeKubeconfig(work.resolve("kubeconfig")).toString());
    Path token = Files.writeString(work.resolve("cf-token"), "cf-rbac-token\n");
    for (JsonNode p : config.path("sync").path("providers")) {
      if (p.path("type").asText().equals("cloudflare")) {
        ObjectNode cf = ((ObjectNode) p).with("cloudflare");
        cf.remove(List.of("apiTokenEnv", "apiTokenFile"));
        cf.put("apiTokenFile", token.toString()).put("baseUrl", cloudflare.baseUrl());
      }
    }
    List<String> accounts = new ArrayList<>();
    Map<String, String> caIssuers = new LinkedHashMap<>();
    for (JsonNode i : config.path("certificates").path("issuers")) {
      if (i.has("acme")) {
        ObjectNode acme = (ObjectNode) i.get("acme");
        acme.put("directory", pebble.directory()).put("trust", pebble.trustFile().toString());
        acme.putArray("nameservers").add(caDns.dns().toString());
        accounts.add(acme.path("accountKey").path("secret").asText());
      }
      if (i.path("ca").has("secret")) {
        caIssuers.put(i.path("name").asText(), i.path("ca").path("secret").asText());
        createCaSecret(work, kube, i.path("ca").path("secret").asText());
      }
    }
    List<String> written = new ArrayList<>();
    for (JsonNode c : config.path("certificates").path("certificates")) {
      boolean fromCa = caIssuers.containsKey(c.path("issuer").asText());
      for (JsonNode s : c.path("stores")) {
        if (s.has("dir")) {
          ((ObjectNode) s).put("dir", work.resolve("stores").resolve(c.path("name").asText()).toString());
        }
        if (s.has("secret") && fromCa) {
          written.add(s.path("secret").asText());
        }
      }
    }
    written.stream().findFirst().ifPresent(s -> kube.secrets().inNamespace(s.split("/")[0]).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(s.split("/")[0]).withName(s.split("/")[1]).endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.US_ASCII)))
        .addToData("tls.key", Base64.getEncoder().encodeToString("not a key".getBytes(StandardCharsets.US_ASCII)))
        .build()).create());
    JsonNode le = config.path("leaderElection");
    String leaseNamespace = le.path("namespace").asText("");
    return new Expectations(new String[] {leaseNamespace.isEmpty() ? releaseNamespace : leaseNamespace,
        le.path("leaseName").asText()}, accounts, written);
  }

  private static void createCaSecret(Path work, KubernetesClient kube, String ref) throws IOException {
    String[] nsName = ref.split("/");
    Path caDir = work.resolve("ca-" + nsName[1]);
    ProcessRun init = LanyardProcess.run(work, Map.of(), "ca", "init", "--dir", caDir.toString(), "--name", nsName[1]);
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    kube.secrets().inNamespace(nsName[0]).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(nsName[0]).withName(nsName[1]).endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString(Files.readAllBytes(caDir.resolve("root.pem"))))
        .addToData("tls.key", Base64.getEncoder().encodeToString(Files.readAllBytes(caDir.resolve("root-key.pem"))))
        .build()).create();
  }

  private static Optional<String> holder(KubernetesClient kube, String[] lease) {
    Lease l = kube.leases().inNamespace(lease[0]).withName(lease[1]).get();
    return l == null ? Optional.empty() : Optional.ofNullable(l.getSpec().getHolderIdentity());
  }

  private static Map<String, String> data(KubernetesClient kube, String ref) {
    Secret s = kube.secrets().inNamespace(ref.split("/")[0]).withName(ref.split("/")[1]).get();
    return s == null || s.getData() == null ? Map.of() : s.getData();
  }

  /** "verb kind -> source" for each kind of call, without namespaces and names. */
  private static String summary(Map<String, String> allowedBy) {
    Map<String, String> byKind = new TreeMap<>();
    allowedBy.forEach((call, source) -> {
      String[] parts = call.split(" ");
      byKind.merge(parts[1], parts[0] + "@" + source, (a, b) -> a.contains(b) ? a : a + "," + b);
    });
    List<String> out = new ArrayList<>();
    byKind.forEach((kind, verbs) -> out.add(kind + ": " + verbs));
    return String.join("; ", out);
  }

  private int status(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(found).as("rendered %s objects", kind).hasSize(1);
    return found.getFirst();
  }

  private static List<JsonNode> readAll(Path manifests) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests.toFile())) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && n.isObject()) {
          out.add(n);
        }
      }
    }
    return out;
  }
}
