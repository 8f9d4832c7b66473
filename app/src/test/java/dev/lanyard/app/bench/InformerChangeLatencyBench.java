package dev.lanyard.app.bench;

import dev.lanyard.app.wiring.Lanyard;
import dev.lanyard.app.wiring.Leadership;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Issue 3's change latency with informers: from an HTTPRoute created through the Kubernetes API
 * (fabric8's CRUD mock server) to its A record answered by Lanyard's DNS server over UDP, through
 * the whole path (informer, coalescing, state pipeline debounce, translation, snapshot build).
 * Run with bench/change-latency.sh; prints CHANGE p50/p99/max.
 */
public final class InformerChangeLatencyBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    Path dir = Files.createTempDirectory("latency");
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://%s:%d"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: mock, context: {cluster: mock, user: u}}]
        current-context: mock
        """.formatted(server.getHostName(), server.getPort()));
    LanyardConfig config = ConfigLoader.parse("""
        zones: [{name: example.com, nameservers: [{name: ns1.example.com, addresses: [127.0.0.1]}]}]
        dns: {listen: ["127.0.0.1:0"]}
        gateways: {net/gw: {views: [default]}}
        sources: {kubernetes: {enabled: true, kubeconfig: %s}}
        http: {listen: ""}
        leaderElection: {enabled: false}
        """.formatted(kubeconfig), dir.resolve("lanyard.yaml"), dir);
    try (KubernetesClient client = server.createClient();
        Lanyard lanyard = Lanyard.start(config, l -> Leadership.sole())) {
      client.resources(Gateway.class).inNamespace("net").resource(new GatewayBuilder()
          .withNewMetadata().withName("gw").withNamespace("net").endMetadata()
          .withNewSpec().addNewListener().withName("http").withProtocol("HTTP").withPort(80)
          .withNewAllowedRoutes().withNewNamespaces().withFrom("All").endNamespaces().endAllowedRoutes().endListener()
          .endSpec()
          .withNewStatus().addNewAddress().withValue("10.0.0.1").endAddress().endStatus().build()).create();
      InetSocketAddress dns = lanyard.dns().boundAddresses().get(0);
      SimpleResolver resolver = new SimpleResolver(dns);
      resolver.setTimeout(Duration.ofMillis(200));
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < rounds + 5; i++) {
        String host = "r" + i + ".example.com";
        long t0 = System.nanoTime();
        client.resources(HTTPRoute.class).inNamespace("app").resource(route("r" + i, host)).create();
        while (!answers(resolver, host)) {
          Thread.sleep(1);
          if (System.nanoTime() - t0 > 10_000_000_000L) {
            throw new IllegalStateException(host + " not answered within 10 s");
          }
        }
        if (i >= 5) {
          micros.add((System.nanoTime() - t0) / 1000);
        }
      }
      micros.sort(null);
      System.out.printf("CHANGE rounds=%d p50=%.1fms p99=%.1fms max=%.1fms%n", micros.size(),
          micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
          micros.get(micros.size() - 1) / 1000.0);
    } finally {
      server.destroy();
    }
  }

  private static HTTPRoute route(String name, String host) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(name).withNamespace("app").endMetadata()
        .withNewSpec().addNewParentRef().withName("gw").withNamespace("net").endParentRef().withHostnames(host).endSpec()
        .withNewStatus().addNewParent().withNewParentRef().withName("gw").withNamespace("net").endParentRef()
        .withControllerName("example.com/gw")
        .withConditions(new ConditionBuilder().withType("Accepted").withStatus("True").build()).endParent().endStatus()
        .build();
  }

  private static boolean answers(SimpleResolver resolver, String host) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A, DClass.IN));
    Message r = resolver.send(q);
    return r.getRcode() == Rcode.NOERROR && r.getSection(Section.ANSWER).stream().anyMatch(x -> x instanceof ARecord);
  }
}
