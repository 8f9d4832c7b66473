package dev.lanyard.core.source;

import static dev.lanyard.core.testing.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.pipeline.StatePipeline;
import dev.lanyard.core.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cluster without the Gateway API (or external-dns, or cert-manager) CRDs: those kinds switch off, the rest works. */
class KubernetesSourceMissingCrdTest {
  KubernetesMockServer server;
  KubernetesClient client;

  /** The CRUD API server, answering 404 for every group whose CRDs this cluster lacks. */
  static final class WithoutCrds extends KubernetesCrudDispatcher {
    WithoutCrds() {
      super(List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if (path.startsWith("/apis/gateway.networking.k8s.io/") || path.startsWith("/apis/externaldns.k8s.io/")
          || path.startsWith("/apis/cert-manager.io/")) {
        return new MockResponse().setResponseCode(404).setBody("""
            {"kind":"Status","apiVersion":"v1","status":"Failure","message":"the server could not find the requested resource",\
            "reason":"NotFound","code":404}""");
      }
      return super.dispatch(request);
    }
  }

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new WithoutCrds(), false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void missingCrdsDisableTheirKindsAndNeverBlockTheOthers() throws Exception {
    LanyardConfig config = Fixtures.baseConfig("");
    client.services().inNamespace("db").resource(new ServiceBuilder()
        .withNewMetadata().withName("pg").withNamespace("db").endMetadata()
        .withNewSpec().withType("LoadBalancer").endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.0.0.5").endIngress().endLoadBalancer().endStatus()
        .build()).create();
    KubernetesSource source = new KubernetesSource(client, config.sources().kubernetes(), Clock.systemUTC());
    try (StatePipeline pipeline = new StatePipeline(config, List.of(source), Duration.ofMillis(20), Clock.systemUTC())) {
      pipeline.start();
      assertThat(pipeline.awaitSynced(Duration.ofSeconds(10))).as("synced without the missing kinds").isTrue();
      DesiredState state = pipeline.current();
      assertThat(lines(state, "lan")).containsExactly("pg.db.example.com A 300 10.0.0.5");
      assertThat(state.complete()).as("a missing CRD is not partial knowledge").isTrue();
      List<String> disabled = state.sources().get(0).problems().stream().map(Problem::toString).toList();
      assertThat(disabled).anySatisfy(p -> assertThat(p).contains("kubernetes Gateway")
          .contains("disabled: CRD gateways.gateway.networking.k8s.io is not installed"));
      assertThat(disabled).anySatisfy(p -> assertThat(p).contains("kubernetes DNSEndpoint").contains("dnsendpoints.externaldns.k8s.io"));
      assertThat(disabled).anySatisfy(p -> assertThat(p).contains("kubernetes Certificate").contains("certificates.cert-manager.io"));
      assertThat(disabled).noneSatisfy(p -> assertThat(p).contains("kubernetes Service"));
    }
  }
}
