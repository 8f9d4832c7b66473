package dev.lanyard.core.source;

import static dev.lanyard.core.testing.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.pipeline.StatePipeline;
import dev.lanyard.core.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Informers against fabric8's CRUD mock API server: create, update and delete objects and see the records follow. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSourceTest {
  KubernetesClient client;

  static final LanyardConfig CONFIG = Fixtures.baseConfig("gateways: {net/gw: {views: [lan, public]}}\n");

  @Test
  void recordsFollowCreateUpdateAndDelete() throws Exception {
    KubernetesSource source = new KubernetesSource(client, CONFIG.sources().kubernetes(), Clock.systemUTC());
    try (StatePipeline pipeline = new StatePipeline(CONFIG, List.of(source), Duration.ofMillis(20), Clock.systemUTC())) {
      pipeline.start();
      assertThat(pipeline.awaitSynced(Duration.ofSeconds(10))).as("informers synced").isTrue();
      assertThat(lines(pipeline.current(), "lan")).isEmpty();

      client.resources(Gateway.class).inNamespace("net").resource(new GatewayBuilder()
          .withNewMetadata().withName("gw").withNamespace("net").endMetadata()
          .withNewSpec().withGatewayClassName("envoy")
          .addNewListener().withName("https").withProtocol("HTTPS").withPort(443)
          .withNewAllowedRoutes().withNewNamespaces().withFrom("All").endNamespaces().endAllowedRoutes().endListener()
          .endSpec()
          .withNewStatus().addNewAddress().withType("IPAddress").withValue("10.0.0.1").endAddress().endStatus()
          .build()).create();
      HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("app").resource(new HTTPRouteBuilder()
          .withNewMetadata().withName("web").withNamespace("app").endMetadata()
          .withNewSpec().addNewParentRef().withName("gw").withNamespace("net").endParentRef()
          .withHostnames("web.example.com").endSpec()
          .withNewStatus().addNewParent().withNewParentRef().withName("gw").withNamespace("net").endParentRef()
          .withControllerName("example.com/gw")
          .withConditions(new ConditionBuilder().withType("Accepted").withStatus("True").build()).endParent().endStatus()
          .build()).create();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(lines(pipeline.current(), "lan")).containsExactly("web.example.com A 300 10.0.0.1"));

      route.getSpec().setHostnames(List.of("www.example.com"));
      client.resources(HTTPRoute.class).inNamespace("app").resource(route).update();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(lines(pipeline.current(), "public")).containsExactly("www.example.com A 300 10.0.0.1"));

      Service svc = client.services().inNamespace("db").resource(new ServiceBuilder()
          .withNewMetadata().withName("pg").withNamespace("db").endMetadata()
          .withNewSpec().withType("LoadBalancer").endSpec()
          .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.0.0.5").endIngress().endLoadBalancer().endStatus()
          .build()).create();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(lines(pipeline.current(), "lan")).contains("pg.db.example.com A 300 10.0.0.5"));

      client.resources(HTTPRoute.class).inNamespace("app").withName("web").delete();
      client.services().inNamespace("db").withName("pg").delete();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        DesiredState s = pipeline.current();
        assertThat(lines(s, "lan")).isEmpty();
        assertThat(s.complete()).isTrue();
      });
      assertThat(svc).isNotNull();
    }
  }

  @Test
  void routesWithoutAcceptedStatusAreNotServed() throws Exception {
    KubernetesSource source = new KubernetesSource(client, CONFIG.sources().kubernetes(), Clock.systemUTC());
    client.resources(Gateway.class).inNamespace("net").resource(new GatewayBuilder()
        .withNewMetadata().withName("gw").withNamespace("net").endMetadata()
        .withNewSpec().addNewListener().withName("http").withProtocol("HTTP").withPort(80)
        .withNewAllowedRoutes().withNewNamespaces().withFrom("All").endNamespaces().endAllowedRoutes().endListener()
        .addNewAddress().withValue("10.0.0.1").endAddress().endSpec().build()).create();
    client.resources(HTTPRoute.class).inNamespace("app").resource(new HTTPRouteBuilder()
        .withNewMetadata().withName("pending").withNamespace("app").endMetadata()
        .withNewSpec().addNewParentRef().withName("gw").withNamespace("net").endParentRef()
        .withHostnames("pending.example.com").endSpec().build()).create();
    try (StatePipeline pipeline = new StatePipeline(CONFIG, List.of(source), Duration.ofMillis(20), Clock.systemUTC())) {
      pipeline.start();
      assertThat(pipeline.awaitSynced(Duration.ofSeconds(10))).isTrue();
      assertThat(lines(pipeline.current(), "lan")).isEmpty();
      assertThat(pipeline.current().problems()).anySatisfy(p -> assertThat(p.message()).contains("has not accepted it"));
    }
  }
}
