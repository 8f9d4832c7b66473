package dev.lanyard.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.inventory.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {

  @Test
  void readsMultiDocumentFilesAndListsAndSkipsOtherKinds() {
    ManifestParser.Parsed p = ManifestParser.parse("apps.yaml", """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: a}
            spec: {type: LoadBalancer}
          - apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: g, namespace: x}
            spec: {hostnames: [g.example.com]}
        ---
        # a comment-only document
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: chart}
        """, false);
    assertThat(p.problems()).isEmpty();
    assertThat(p.inventory().services()).hasSize(1);
    assertThat(p.inventory().routes()).extracting(Route::kind).containsExactly("GRPCRoute");
  }

  @Test
  void brokenYamlIsReportedWithFileAndLine() {
    ManifestParser.Parsed p = ManifestParser.parse("broken.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: a
            bad: indentation
        """, false);
    assertThat(p.failed()).isTrue();
    assertThat(p.problems()).singleElement().satisfies(pr -> {
      assertThat(pr.subject()).startsWith("broken.yaml:");
      assertThat(pr.message()).contains("not valid YAML");
    });
  }

  @Test
  void objectsThatDoNotFitTheirKindAreErrorsNamingTheObject() {
    ManifestParser.Parsed p = ManifestParser.parse("bad.yaml", """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r}
        spec:
          hostnames: {not: a-list}
        ---
        apiVersion: v1
        kind: Service
        metadata: {namespace: x}
        """, false);
    assertThat(p.problems()).hasSize(2);
    assertThat(p.problems().get(0).subject()).isEqualTo("bad.yaml:1 (HTTPRoute r)");
    assertThat(p.problems().get(0).message()).isEqualTo("spec.hostnames: must be a list, not a mapping");
    assertThat(p.problems().get(1).subject()).isEqualTo("bad.yaml:7");
    assertThat(p.problems().get(1).message()).isEqualTo("Service has no metadata.name");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "hostnames: str.example.com                          | spec.hostnames: must be a list, not \"str.example.com\"",
      "parentRefs: [42]                                    | spec.parentRefs[0]: must be a mapping, not 42",
      "parentRefs: {name: gw}                              | spec.parentRefs: must be a list, not a mapping",
      "parentRefs: [{name: [gw]}]                          | spec.parentRefs[0].name: must be a string, not a list",
  })
  void aFieldOfTheWrongShapeIsNamedByItsPath(String spec, String expected) {
    ManifestParser.Parsed p = ManifestParser.parse("route.yaml", """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r, namespace: apps}
        spec: {%s}
        """.formatted(spec), false);
    assertThat(p.problems()).singleElement().satisfies(pr -> {
      assertThat(pr.subject()).isEqualTo("route.yaml:1 (HTTPRoute r)");
      assertThat(pr.message()).isEqualTo(expected);
    });
  }

  @Test
  void defaultNamespaceFillsOnlyMissingNamespaces() {
    ManifestParser.Parsed p = ManifestParser.parse("k.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b, namespace: own}
        """, false, "media");
    assertThat(p.inventory().services()).extracting(s -> s.getMetadata().getNamespace()).containsExactly("media", "own");
  }
}
