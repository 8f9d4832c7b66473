package dev.lanyard.core.source;

import static dev.lanyard.core.testing.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.translate.Translator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/homelab is what the README runs: it must say what a user of seeds 003 and 004 expects in each view. */
class HomelabExampleTest {

  @Test
  void eachViewAnswersWhatTheHomelabExpects() throws Exception {
    LanyardConfig config = ConfigLoader.load(Path.of("../examples/homelab/lanyard.yaml"));
    SourceSnapshot snapshot = new ManifestSource(config.sources().manifests(), Clock.systemUTC()).load();
    assertThat(snapshot.status().problems()).isEmpty();
    DesiredState state = Translator.translate(config, snapshot.inventory(), List.of(snapshot.status()), 1, Instant.now());
    assertThat(state.problems()).isEmpty();

    assertThat(lines(state, "lan")).containsExactly(
        "echo.example.com A 300 10.11.1.22",
        "grafana.example.com A 300 10.11.1.21",
        "home.example.com A 300 10.11.1.21",
        "plex.example.com A 300 10.11.1.30",
        "postgres.database.example.com A 300 10.11.1.40",
        "sonarr.example.com A 300 10.11.1.22");
    // Services land in every non-public view: reachable from the tailnet through a subnet router.
    assertThat(lines(state, "tailscale")).containsExactly(
        "grafana.example.com CNAME 300 gateway-envoy.tail1234.ts.net",
        "plex.example.com A 300 10.11.1.30",
        "postgres.database.example.com A 300 10.11.1.40");
    assertThat(lines(state, "public")).containsExactly(
        "echo.example.com CNAME 300 external.example.com",
        "external.example.com CNAME 300 6f2c1c4e-8d1b-4d1f-9a51-2f0f3c7e9b10.cfargotunnel.com",
        "sonarr.example.com CNAME 300 external.example.com");
    assertThat(state.view("public").orElseThrow().find("echo.example.com", RecordType.CNAME).orElseThrow().proxied())
        .contains(true);
  }
}
