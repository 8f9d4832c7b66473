package dev.lanyard.e2e.acme;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file that points a separate {@code lanyard} process at the test JVM's mock API server. */
final class Kubeconfig {
  private Kubeconfig() {}

  static Path write(Path dir, KubernetesMockServer server) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig.yaml"), """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster: {server: "http://%s:%d"}
        users:
          - name: mock
            user: {token: e2e}
        contexts:
          - name: mock
            context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        """.formatted(server.getHostName(), server.getPort()));
  }
}
