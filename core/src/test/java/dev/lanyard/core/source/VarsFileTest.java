package dev.lanyard.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarsFileTest {
  @TempDir Path dir;

  @Test
  void readsDotenv() throws IOException {
    Path f = Files.writeString(dir.resolve("settings.env"), """
        # cluster settings
        SECRET_DOMAIN=example.com
        export TZ="Europe/Paris"
        QUOTED='a b'
        IP=10.0.0.1 # the gateway
        """);
    assertThat(VarsFile.read(f)).containsEntry("SECRET_DOMAIN", "example.com").containsEntry("TZ", "Europe/Paris")
        .containsEntry("QUOTED", "a b").containsEntry("IP", "10.0.0.1");
  }

  @Test
  void readsConfigMapsAndSecretsLikeFluxSubstituteFrom() throws IOException {
    Path f = Files.writeString(dir.resolve("settings.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cluster-settings, namespace: flux-system}
        data:
          CILIUM_GATEWAY_LB_IP: 10.25.11.110
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: cluster-secrets, namespace: flux-system}
        data:
          SECRET_DOMAIN: ZXhhbXBsZS5jb20=
        stringData:
          PLAIN: text
        """);
    assertThat(VarsFile.read(f)).containsEntry("CILIUM_GATEWAY_LB_IP", "10.25.11.110")
        .containsEntry("SECRET_DOMAIN", "example.com").containsEntry("PLAIN", "text");
  }

  @Test
  void badLinesNameTheFileAndLine() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.env"), "A=1\nthis is not a pair\n");
    assertThatThrownBy(() -> VarsFile.read(f)).hasMessageContaining("bad.env:2").hasMessageContaining("expected KEY=value");
  }
}
