package dev.lanyard.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004, three gateways with Tailscale (examples/three-gateways-tailscale): one name, two networks. The LAN
 * listener answers the internal gateway's IP, the dedicated Tailscale listener (where Tailscale split DNS sends the
 * domain) answers the tailscale gateway's MagicDNS name, a LAN-only route does not exist on the tailnet, and the
 * public view holds exactly the routes attached to the external gateway.
 */
class ThreeGatewaysTailscaleTest {
  private static final String INTERNAL_IP = "10.90.3.202";
  private static final String EXTERNAL_IP = "10.90.3.201";
  private static final String TAILSCALE_NAME = "gateway-envoy.tail4f2a.ts.net.";

  @TempDir Path tmp;

  @Test
  void sameNameAnswersPerListenerAndOnlyExternalRoutesArePublic() throws Exception {
    long started = System.nanoTime();
    ExampleCopy ex = ExampleCopy.of("three-gateways-tailscale", tmp);
    String domain = ex.vars("cluster-settings.env").get("SECRET_DOMAIN");

    ProcessRun check = LanyardProcess.run(ex.dir(), Map.of(), "check", "--config", "lanyard.yaml");
    assertThat(check.exitCode()).as("lanyard check:%n%s%s", check.stdout(), check.stderr()).isZero();
    assertThat(check.stdout()).contains("no problems");

    ProcessRun records = LanyardProcess.run(ex.dir(), Map.of(), "records", "--config", "lanyard.yaml",
        "--view", "public", "-o", "json");
    assertThat(records.exitCode()).as("lanyard records:%n%s%s", records.stdout(), records.stderr()).isZero();
    List<String> published = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(records.stdout())) {
      assertThat(r.get("view").asText()).isEqualTo("public");
      List<String> values = new ArrayList<>();
      r.get("values").forEach(v -> values.add(v.asText()));
      published.add(r.get("name").asText() + " " + r.get("type").asText() + " " + String.join(",", values));
    }
    List<String> expected = attachedTo(ex, "network", "external", domain).stream()
        .map(host -> host + " CNAME " + targetOf(ex, "external", domain)).toList();
    assertThat(expected).as("the example attaches at least one route to the external gateway").isNotEmpty();
    assertThat(published).as("the public view: the external gateway's routes, CNAME to its target, nothing else")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(String.join("\n", published)).as("nothing internal is published")
        .doesNotContainPattern("\\b(10|192\\.168|100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7]))\\.")
        .doesNotContain(".ts.net");

    int lan = ex.port(5353);
    int tailnet = ex.port(5354);
    List<String> proved = new ArrayList<>();
    try (LanyardProcess lanyard = LanyardProcess.start(ex.dir(), Map.of(), "serve", "--config", "lanyard.yaml")) {
      lanyard.await("grafana." + domain + " to answer", Duration.ofSeconds(60),
          () -> !Dig.query(lan, "grafana." + domain, "A").values().isEmpty());

      for (String app : List.of("grafana", "paperless")) {
        String name = app + "." + domain;
        Dig.Answer onLan = Dig.query(lan, name, "A");
        assertThat(onLan.types()).as("%s on the LAN listener: %s", name, onLan.raw()).containsExactly("A");
        assertThat(onLan.values()).as("%s on the LAN listener", name).containsExactly(INTERNAL_IP);
        Dig.Answer onTailnet = Dig.query(tailnet, name, "A");
        assertThat(onTailnet.rcode()).as("%s on the Tailscale listener: %s", name, onTailnet.raw()).isEqualTo("NOERROR");
        assertThat(onTailnet.types()).as("%s on the Tailscale listener", name).containsExactly("CNAME");
        assertThat(onTailnet.values()).containsExactly(TAILSCALE_NAME);
        proved.add(name + ": LAN A " + INTERNAL_IP + ", tailnet CNAME " + TAILSCALE_NAME);
      }
      for (Map.Entry<String, String> lanOnly : List.of(Map.entry("home", INTERNAL_IP), Map.entry("blog", EXTERNAL_IP))) {
        String name = lanOnly.getKey() + "." + domain;
        Dig.Answer onLan = Dig.query(lan, name, "A");
        assertThat(onLan.values()).as("%s on the LAN listener: %s", name, onLan.raw())
            .containsExactly(lanOnly.getValue());
        Dig.Answer onTailnet = Dig.query(tailnet, name, "A");
        assertThat(onTailnet.rcode()).as("%s on the Tailscale listener: %s", name, onTailnet.raw()).isEqualTo("NXDOMAIN");
        assertThat(onTailnet.authority()).as("NXDOMAIN carries the SOA").anyMatch(r -> r.contains(" SOA "));
        proved.add(name + ": LAN A " + lanOnly.getValue() + ", tailnet NXDOMAIN");
      }
    }

    System.out.printf("""
        three gateways with Tailscale (seed 004) proved, in %.1f s:
          lanyard check: exit 0, no problems
          public view = exactly the routes attached to network/external: %s
        %s""", (System.nanoTime() - started) / 1e9, published,
        proved.stream().map(p -> "  " + p + "\n").reduce("", String::concat));
  }

  /** The hostnames of every HTTPRoute in the example whose parentRefs name the gateway, as Flux would render them. */
  private static List<String> attachedTo(ExampleCopy ex, String namespace, String gateway, String domain)
      throws IOException {
    TreeSet<String> hosts = new TreeSet<>();
    for (JsonNode doc : manifests(ex)) {
      if (!doc.path("kind").asText().equals("HTTPRoute")) {
        continue;
      }
      boolean attached = false;
      for (JsonNode ref : doc.path("spec").path("parentRefs")) {
        attached |= ref.path("name").asText().equals(gateway) && ref.path("namespace").asText().equals(namespace);
      }
      if (attached) {
        doc.path("spec").path("hostnames").forEach(h -> hosts.add(h.asText().replace("${SECRET_DOMAIN}", domain)));
      }
    }
    return List.copyOf(hosts);
  }

  private static String targetOf(ExampleCopy ex, String gateway, String domain) {
    try {
      return manifests(ex).stream()
          .filter(d -> d.path("kind").asText().equals("Gateway") && d.path("metadata").path("name").asText().equals(gateway))
          .map(d -> d.path("metadata").path("annotations").path("external-dns.alpha.kubernetes.io/target").asText())
          .findFirst().orElseThrow().replace("${SECRET_DOMAIN}", domain);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<JsonNode> manifests(ExampleCopy ex) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ex.file("kubernetes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        yaml.readValues(yaml.createParser(f.toFile()), JsonNode.class).readAll().stream()
            .filter(d -> d != null && d.isObject()).forEach(docs::add);
      }
    }
    return docs;
  }
}
