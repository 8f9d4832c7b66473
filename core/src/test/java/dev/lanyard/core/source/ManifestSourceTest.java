package dev.lanyard.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.config.SourcesConfig;
import dev.lanyard.core.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourceTest {
  @TempDir Path dir;

  private ManifestSource source(Path vars) {
    return new ManifestSource(new SourcesConfig.Manifests(List.of(dir), Optional.ofNullable(vars), false), Clock.systemUTC());
  }

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: %s, annotations: {lbipam.cilium.io/ips: "${IP}"}}
      spec: {type: LoadBalancer}
      """;

  @Test
  void readsTheTreeSubstitutesVarsAndDefaultsNamespacesFromKustomizations() throws IOException {
    Path vars = Files.writeString(dir.resolve("settings.env"), "IP=10.0.0.9\n");
    Path app = Files.createDirectories(dir.resolve("apps/media/plex"));
    Files.writeString(app.getParent().resolve("kustomization.yaml"), "namespace: media\nresources: [plex]\n");
    Files.writeString(app.resolve("svc.yaml"), SERVICE.formatted("plex"));
    Path hidden = Files.createDirectories(dir.resolve(".git"));
    Files.writeString(hidden.resolve("junk.yaml"), "not: [valid");
    Files.writeString(dir.resolve("notes.txt"), "ignored");

    SourceSnapshot s = source(vars).load();
    assertThat(s.status().problems()).isEmpty();
    assertThat(s.status().complete()).isTrue();
    assertThat(s.inventory().services()).singleElement().satisfies(svc -> {
      assertThat(svc.getMetadata().getNamespace()).isEqualTo("media");
      assertThat(svc.getMetadata().getAnnotations()).containsEntry("lbipam.cilium.io/ips", "10.0.0.9");
    });
  }

  @Test
  void reloadsWithinASecondAndKeepsTheLastGoodStateOfABrokenFile() throws Exception {
    Path file = Files.writeString(dir.resolve("svc.yaml"), SERVICE.formatted("one").replace("${IP}", "10.0.0.1"));
    AtomicReference<SourceSnapshot> latest = new AtomicReference<>();
    try (ManifestSource source = source(null)) {
      source.start(latest::set);
      assertThat(latest.get().inventory().services()).hasSize(1);

      Files.writeString(dir.resolve("two.yaml"), SERVICE.formatted("two").replace("${IP}", "10.0.0.2"));
      long t0 = System.nanoTime();
      await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(latest.get().inventory().services()).hasSize(2));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));

      Files.writeString(file, "apiVersion: v1\nkind: Service\nmetadata:\n  name: one\n    broken: [\n");
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(latest.get().status().problems()).isNotEmpty());
      SourceSnapshot broken = latest.get();
      assertThat(broken.inventory().services()).as("last good state kept").hasSize(2);
      assertThat(broken.status().complete()).isFalse();
      assertThat(broken.status().problems()).singleElement()
          .satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.subject()).startsWith(file + ":");
          });

      Files.delete(dir.resolve("two.yaml"));
      Files.writeString(file, SERVICE.formatted("one").replace("${IP}", "10.0.0.1"));
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        assertThat(latest.get().inventory().services()).hasSize(1);
        assertThat(latest.get().status().complete()).isTrue();
      });
    }
  }

  @Test
  void unsetVariablesAreWarningsWithFileAndLine() throws IOException {
    Files.writeString(dir.resolve("svc.yaml"), SERVICE.formatted("x"));
    SourceSnapshot s = source(null).load();
    assertThat(s.status().problems()).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
      assertThat(p.subject()).endsWith("svc.yaml:3");
      assertThat(p.message()).contains("${IP} is not set");
    });
    assertThat(s.status().complete()).isTrue();
  }

  @Test
  void aVanishedPathOrADanglingLinkIsAFailureThatKeepsTheLastGoodObjectsNotADeletion() throws Exception {
    Path apps = Files.createDirectories(dir.resolve("apps"));
    Path one = Files.writeString(apps.resolve("one.yaml"), SERVICE.formatted("one").replace("${IP}", "10.0.0.1"));
    Files.writeString(apps.resolve("two.yaml"), SERVICE.formatted("two").replace("${IP}", "10.0.0.2"));
    ManifestSource source = new ManifestSource(new SourcesConfig.Manifests(List.of(apps), Optional.empty(), false),
        Clock.systemUTC());
    assertThat(source.load().inventory().services()).hasSize(2);

    Files.delete(one);
    Files.createSymbolicLink(one, dir.resolve("unmounted/one.yaml"));
    SourceSnapshot dangling = source.load();
    assertThat(dangling.inventory().services()).as("the dangling link's objects are kept").hasSize(2);
    assertThat(dangling.status().complete()).isFalse();
    assertThat(dangling.status().problems()).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
      assertThat(p.subject()).isEqualTo(one.toString());
      assertThat(p.message()).contains("symbolic link to a missing file");
    });

    Path moved = dir.resolve("moved");
    Files.move(apps, moved);
    SourceSnapshot gone = source.load();
    assertThat(gone.inventory().services()).as("a vanished path keeps its objects").hasSize(2);
    assertThat(gone.status().complete()).isFalse();
    assertThat(gone.status().problems()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("does not exist").contains("last good objects stay served"));

    Files.move(moved, apps);
    Files.delete(one);
    SourceSnapshot back = source.load();
    assertThat(back.status().problems()).isEmpty();
    assertThat(back.inventory().services()).as("a real deletion is a deletion").hasSize(1);
  }

  @Test
  void onFirstLoadTheObjectsThatParseAreServedBesideOneThatDoesNot() throws Exception {
    Files.writeString(dir.resolve("apps.yaml"), SERVICE.formatted("good").replace("${IP}", "10.0.0.1") + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: bad}
        spec: {hostnames: not-a-list}
        """);
    SourceSnapshot s = source(null).load();
    assertThat(s.inventory().services()).extracting(svc -> svc.getMetadata().getName()).containsExactly("good");
    assertThat(s.status().complete()).as("still a failure: provider deletes are held back").isFalse();
    assertThat(s.status().problems()).singleElement().satisfies(p ->
        assertThat(p.message()).isEqualTo("spec.hostnames: must be a list, not \"not-a-list\""));
  }
}
