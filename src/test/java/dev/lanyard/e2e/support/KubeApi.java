package dev.lanyard.e2e.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's CRUD mock API server on a free loopback port, for a {@code lanyard} process to talk to
 * through a kubeconfig. It records every request (method and path), and can be held "down" (503 to
 * everything) to see what Lanyard does before the API answers.
 */
public final class KubeApi implements AutoCloseable {
  /** The bearer token {@link #writeKubeconfig} gives the {@code lanyard} process, to tell its calls from the test's. */
  public static final String TOKEN = "e2e-kube-token";

  /**
   * One request as the API server received it.
   *
   * @param token the bearer token it carried, or empty
   */
  public record Call(String method, String path, String token) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final Gate gate = new Gate();
  private final KubernetesMockServer server =
      new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), gate, false);

  private KubeApi() {}

  public static KubeApi start() {
    KubeApi api = new KubeApi();
    api.server.init();
    return api;
  }

  /** Answers 503 to every request until {@link #up()}. */
  public KubeApi down() {
    gate.open = false;
    return this;
  }

  public KubeApi up() {
    gate.open = true;
    return this;
  }

  public int port() {
    return server.getPort();
  }

  /** A client for the test itself (its requests are recorded too; use {@link #clearCalls()}). */
  public KubernetesClient client() {
    return server.createClient();
  }

  /** Writes a kubeconfig whose current context is this server, with namespace {@code default}. */
  public Path writeKubeconfig(Path file) {
    try {
      Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
          contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
          current-context: mock
          users: [{name: mock, user: {token: %s}}]
          """.formatted(port(), TOKEN));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Call> calls() {
    synchronized (gate.calls) {
      return List.copyOf(gate.calls);
    }
  }

  /** The requests that carried {@link #TOKEN}: those of the {@code lanyard} process. */
  public List<Call> lanyardCalls() {
    return calls().stream().filter(c -> c.token().equals(TOKEN)).toList();
  }

  public void clearCalls() {
    synchronized (gate.calls) {
      gate.calls.clear();
    }
  }

  @Override
  public void close() {
    server.destroy();
  }

  private static final class Gate extends KubernetesCrudDispatcher {
    volatile boolean open = true;
    final List<Call> calls = new ArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      synchronized (calls) {
        String auth = request.getHeader("Authorization");
        calls.add(new Call(request.getMethod(), request.getPath(),
            auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : ""));
      }
      if (!open) {
        return new MockResponse().setResponseCode(503)
            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"the API server is down\","
                + "\"reason\":\"ServiceUnavailable\",\"code\":503}");
      }
      return super.dispatch(request);
    }
  }
}
