package dev.lanyard.core.translate;

import static dev.lanyard.core.testing.Fixtures.baseConfig;
import static dev.lanyard.core.testing.Fixtures.lines;
import static dev.lanyard.core.testing.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gateway API rules: attachment, hostname intersection, listener selection, Accepted status, address chain, views. */
class GatewayTranslationTest {

  static final String GATEWAY = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: gw, namespace: net}
      spec:
        addresses: [{type: IPAddress, value: 10.0.0.1}]
        listeners:
          - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
          - {name: https, protocol: HTTPS, port: 443, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}
          - {name: tls, protocol: TLS, port: 8443, hostname: "tls.example.com", allowedRoutes: {namespaces: {from: All}}}
      ---
      """;

  static final String GATEWAYS_CONFIG = """
      gateways:
        net/gw: {views: [lan, public]}
        net/other: {views: [lan, public]}
      """;

  record Case(String name, String manifests, List<String> lan, List<String> pub, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("route hostname answers the gateway address in every mapped view", GATEWAY + route("app", "", "[app.example.com]", ""),
            List.of("app.example.com A 300 10.0.0.1"), List.of("app.example.com A 300 10.0.0.1"), null),
        new Case("route without hostnames takes the listener hostname (a wildcard record)", GATEWAY + route("any", "", "[]", ""),
            List.of("*.example.com A 300 10.0.0.1"),
            List.of("*.example.com A 300 10.0.0.1"), null),
        new Case("a wildcard listener never takes its own parent name", GATEWAY + route("apex", "sectionName: https", "[example.com]", ""),
            List.of(), List.of(), "no listener of gateway net/gw takes it"),
        new Case("sectionName selects one listener", GATEWAY + route("s", "sectionName: http", "[plain.other.org, x.example.com]", ""),
            List.of("x.example.com A 300 10.0.0.1"), List.of("x.example.com A 300 10.0.0.1"), "plain.other.org is outside every configured zone"),
        new Case("port selects listeners", GATEWAY + route("p", "port: 443", "[x.example.com]", ""),
            List.of("x.example.com A 300 10.0.0.1"), List.of("x.example.com A 300 10.0.0.1"), null),
        new Case("a port no listener has attaches nowhere", GATEWAY + route("p", "port: 9999", "[x.example.com]", ""),
            List.of(), List.of(), "port 80 is not 9999"),
        new Case("unknown sectionName attaches nowhere", GATEWAY + route("p", "sectionName: nope", "[x.example.com]", ""),
            List.of(), List.of(), "sectionName is nope"),
        new Case("TLSRoute attaches only to TLS listeners", GATEWAY + """
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TLSRoute
            metadata: {name: t, namespace: app}
            spec:
              parentRefs: [{name: gw, namespace: net}]
              hostnames: [tls.example.com]
            """, List.of("tls.example.com A 300 10.0.0.1"), List.of("tls.example.com A 300 10.0.0.1"), null),
        new Case("hostname annotation goes through the same intersection", GATEWAY + route("ann", "sectionName: https", "[a.example.com]",
            "external-dns.alpha.kubernetes.io/hostname: 'b.example.com, example.com'"),
            List.of("a.example.com A 300 10.0.0.1", "b.example.com A 300 10.0.0.1"),
            List.of("a.example.com A 300 10.0.0.1", "b.example.com A 300 10.0.0.1"), null),
        new Case("annotation-only hostname source ignores spec hostnames", GATEWAY + route("ann", "sectionName: https", "[a.example.com]",
            "external-dns.kubernetes.io/gateway-hostname-source: annotation-only, external-dns.kubernetes.io/hostname: c.example.com"),
            List.of("c.example.com A 300 10.0.0.1"), List.of("c.example.com A 300 10.0.0.1"), null),
        new Case("ttl annotation, Go duration, second prefix", GATEWAY + route("ttl", "", "[t.example.com]",
            "external-dns.kubernetes.io/ttl: 10m"),
            List.of("t.example.com A 600 10.0.0.1"), List.of("t.example.com A 600 10.0.0.1"), null),
        new Case("k8s-gateway.dns/ignore label drops the route", GATEWAY + route("ign", "", "[i.example.com]", "", "k8s-gateway.dns/ignore: 'true'"),
            List.of(), List.of(), null),
        new Case("missing parent gateway is reported", route("orphan", "", "[o.example.com]", ""),
            List.of(), List.of(), "parent gateway net/gw not found"),
        new Case("allowedRoutes Same rejects other namespaces", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: net}
            spec:
              addresses: [{value: 10.0.0.1}]
              listeners: [{name: http, protocol: HTTP, port: 80}]
            ---
            """ + route("other-ns", "", "[x.example.com]", ""),
            List.of(), List.of(), "allowedRoutes is Same namespace (net), route is in app"),
        new Case("allowedRoutes Selector matches namespace labels", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: app, labels: {expose: "yes"}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: net}
            spec:
              addresses: [{value: 10.0.0.1}]
              listeners:
                - name: http
                  protocol: HTTP
                  port: 80
                  allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {expose: "yes"}}}}
            ---
            """ + route("sel", "", "[x.example.com]", ""),
            List.of("x.example.com A 300 10.0.0.1"), List.of("x.example.com A 300 10.0.0.1"), null),
        new Case("allowedRoutes Selector rejects unlabelled namespaces", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: net}
            spec:
              addresses: [{value: 10.0.0.1}]
              listeners:
                - name: http
                  protocol: HTTP
                  port: 80
                  allowedRoutes: {namespaces: {from: Selector, selector: {matchExpressions: [{key: expose, operator: Exists}]}}}
            ---
            """ + route("sel", "", "[x.example.com]", ""),
            List.of(), List.of(), "does not match the allowedRoutes selector"),
        new Case("allowedRoutes kinds must include the route kind", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: net}
            spec:
              addresses: [{value: 10.0.0.1}]
              listeners:
                - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}}
            ---
            """ + route("k", "", "[x.example.com]", ""),
            List.of(), List.of(), "allowedRoutes.kinds does not include HTTPRoute"),
        new Case("multiple parents: the union of their addresses", GATEWAY + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: other, namespace: net}
            spec:
              addresses: [{value: 10.0.0.2}, {value: "2001:db8::2"}]
              listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: multi, namespace: app}
            spec:
              parentRefs: [{name: gw, namespace: net, sectionName: http}, {name: other, namespace: net}]
              hostnames: [m.example.com]
            """,
            List.of("m.example.com A 300 10.0.0.1,10.0.0.2", "m.example.com AAAA 300 2001:db8::2"),
            List.of("m.example.com A 300 10.0.0.1,10.0.0.2", "m.example.com AAAA 300 2001:db8::2"), null),
        new Case("two routes naming one host: addresses unioned", GATEWAY + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: other, namespace: net}
            spec:
              addresses: [{value: 10.0.0.2}]
              listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
            ---
            """ + route("r1", "sectionName: http", "[same.example.com]", "") + "---\n" + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r2, namespace: app}
            spec:
              parentRefs: [{name: other, namespace: net}]
              hostnames: [same.example.com]
            """,
            List.of("same.example.com A 300 10.0.0.1,10.0.0.2"), List.of("same.example.com A 300 10.0.0.1,10.0.0.2"), null)
    );
  }

  /** An HTTPRoute in namespace app with one parentRef to net/gw. */
  static String route(String name, String parentExtra, String hostnames, String annotations) {
    return route(name, parentExtra, hostnames, annotations, "");
  }

  static String route(String name, String parentExtra, String hostnames, String annotations, String labels) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: %s
          namespace: app
          annotations: {%s}
          labels: {%s}
        spec:
          parentRefs: [{name: gw, namespace: net%s}]
          hostnames: %s
        """.formatted(name, annotations.isEmpty() ? "" : "\n    " + annotations + "\n  ", labels,
        parentExtra.isEmpty() ? "" : ", " + parentExtra, hostnames);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translates(Case c) {
    DesiredState state = Fixtures.state(baseConfig(GATEWAYS_CONFIG), c.manifests());
    assertThat(lines(state, "lan")).as("lan view").containsExactlyElementsOf(c.lan());
    assertThat(lines(state, "public")).as("public view").containsExactlyElementsOf(c.pub());
    if (c.problem() != null) {
      assertThat(problems(state)).as("problems").anySatisfy(p -> assertThat(p).contains(c.problem()));
    }
  }

  @org.junit.jupiter.api.Test
  void acceptedStatusIsRequiredWhenTheSourceSaysSo() {
    String manifests = GATEWAY + """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: accepted, namespace: app}
        spec:
          parentRefs: [{name: gw, namespace: net}]
          hostnames: [yes.example.com]
        status:
          parents:
            - parentRef: {name: gw, namespace: net}
              controllerName: example.com/gateway
              conditions: [{type: Accepted, status: "True"}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: pending, namespace: app}
        spec:
          parentRefs: [{name: gw, namespace: net}]
          hostnames: [no.example.com]
        status:
          parents:
            - parentRef: {name: gw, namespace: net}
              conditions: [{type: Accepted, status: "False", reason: NotAllowedByListeners}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: no-status, namespace: app}
        spec:
          parentRefs: [{name: gw, namespace: net}]
          hostnames: [none.example.com]
        """;
    LanyardConfig config = baseConfig(GATEWAYS_CONFIG);
    DesiredState strict = Translator.translate(config, Fixtures.inventory(manifests, true),
        List.<SourceStatus>of(Fixtures.synced("k8s")), 1, Fixtures.NOW);
    assertThat(lines(strict, "lan")).containsExactly("yes.example.com A 300 10.0.0.1");
    assertThat(problems(strict)).anySatisfy(p -> assertThat(p).contains("httproute/app/pending").contains("has not accepted it"));

    DesiredState lenient = Translator.translate(config, Fixtures.inventory(manifests, false),
        List.<SourceStatus>of(Fixtures.synced("git")), 1, Fixtures.NOW);
    assertThat(lines(lenient, "lan")).containsExactly(
        "no.example.com A 300 10.0.0.1", "none.example.com A 300 10.0.0.1", "yes.example.com A 300 10.0.0.1");
  }
}
