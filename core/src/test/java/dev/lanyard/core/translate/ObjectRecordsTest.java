package dev.lanyard.core.translate;

import static dev.lanyard.core.testing.Fixtures.baseConfig;
import static dev.lanyard.core.testing.Fixtures.lines;
import static dev.lanyard.core.testing.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LoadBalancer Services, Ingresses and DNSEndpoints, as k8s_gateway and external-dns read them. */
class ObjectRecordsTest {

  /** {@code extraConfig} is added under {@code sources:}. */
  record Case(String name, String extraConfig, String manifests, List<String> lan, List<String> pub, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String service(String annotations, String spec, String status) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: apps
          annotations: {%s}
        spec:
          type: LoadBalancer
          %s
        %s
        """.formatted(annotations, spec, status);
  }

  static final String LB_STATUS = "status: {loadBalancer: {ingress: [{ip: 10.0.0.5}]}}";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("service without hostname answers as name.namespace.zone", "", service("", "", LB_STATUS),
            List.of("web.apps.example.com A 300 10.0.0.5"), List.of(), null),
        new Case("serviceNames: annotated turns implicit names off", "  serviceNames: annotated", service("", "", LB_STATUS),
            List.of(), List.of(), null),
        new Case("external-dns hostname annotation: comma list, wildcard, zone-relative", "",
            service("external-dns.alpha.kubernetes.io/hostname: 'web.example.com, *.w.example.com ,short'", "", LB_STATUS),
            List.of("*.w.example.com A 300 10.0.0.5", "short.example.com A 300 10.0.0.5", "web.example.com A 300 10.0.0.5"),
            List.of(), null),
        new Case("coredns.io/hostname wins over the external-dns annotation", "",
            service("coredns.io/hostname: core.example.com, external-dns.alpha.kubernetes.io/hostname: ed.example.com", "", LB_STATUS),
            List.of("core.example.com A 300 10.0.0.5"), List.of(), null),
        new Case("invalid hostnames are dropped and reported; no implicit fallback", "",
            service("external-dns.alpha.kubernetes.io/hostname: 'bad_-.example.com'", "", LB_STATUS),
            List.of(), List.of(), "is not a valid DNS name"),
        new Case("status beats externalIPs and declared IPs", "",
            service("lbipam.cilium.io/ips: 10.9.9.9", "externalIPs: [10.8.8.8]\n  loadBalancerIP: 10.7.7.7",
                "status: {loadBalancer: {ingress: [{ip: 10.0.0.5}, {hostname: lb.cloud.example.net}]}}"),
            List.of("web.apps.example.com A 300 10.0.0.5"),
            List.of(), "clashes with [A] records"),
        new Case("externalIPs when there is no status", "", service("lbipam.cilium.io/ips: 10.9.9.9", "externalIPs: [10.8.8.8]", ""),
            List.of("web.apps.example.com A 300 10.8.8.8"), List.of(), null),
        new Case("git manifests: Cilium and MetalLB annotations and loadBalancerIP", "",
            service("lbipam.cilium.io/ips: '10.9.9.9,2001:db8::9', metallb.universe.tf/loadBalancerIPs: 10.9.9.10",
                "loadBalancerIP: 10.7.7.7", ""),
            List.of("web.apps.example.com A 300 10.7.7.7,10.9.9.10,10.9.9.9", "web.apps.example.com AAAA 300 2001:db8::9"),
            List.of(), null),
        new Case("a hostname with a trailing dot is absolute: outside the zones it is ignored, not moved in", "",
            service("external-dns.alpha.kubernetes.io/hostname: 'abs.other.org.,rel,undef.'", "", LB_STATUS),
            List.of("rel.example.com A 300 10.0.0.5"), List.of(), "hostname \"abs.other.org.\" is outside every zone"),
        new Case("a mistyped IP in an IP annotation is dropped with a warning naming the object and its file", "",
            service("lbipam.cilium.io/ips: '999.1.1.1,10.9.9.9'", "", ""),
            List.of("web.apps.example.com A 300 10.9.9.9"), List.of(),
            "service/apps/web (test.yaml:1): target \"999.1.1.1\" for web.apps.example.com is neither"),
        new Case("ClusterIP services are not served", "", """
            apiVersion: v1
            kind: Service
            metadata: {name: internal, namespace: apps}
            spec: {type: ClusterIP, clusterIP: 10.96.0.10}
            """, List.of(), List.of(), null),
        new Case("services land in public views only when their annotation says so; target applies there", "",
            service("lanyard.dev/views: 'lan,public', external-dns.alpha.kubernetes.io/target: edge.example.net,"
                + " external-dns.alpha.kubernetes.io/hostname: web.example.com", "", LB_STATUS),
            List.of("web.example.com A 300 10.0.0.5"), List.of("web.example.com CNAME 300 edge.example.net"), null),
        new Case("unknown view in the annotation is reported", "", service("lanyard.dev/views: attic", "", LB_STATUS),
            List.of(), List.of(), "names unknown view \"attic\""),
        new Case("ingress rules hosts answer the load balancer status", "", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing, namespace: apps, annotations: {external-dns.alpha.kubernetes.io/ttl: "120"}}
            spec:
              rules: [{host: ing.example.com}, {host: ing2.example.com}, {}]
            status: {loadBalancer: {ingress: [{ip: 10.0.0.6}, {ip: "2001:db8::6"}]}}
            """,
            List.of("ing.example.com A 120 10.0.0.6", "ing.example.com AAAA 120 2001:db8::6",
                "ing2.example.com A 120 10.0.0.6", "ing2.example.com AAAA 120 2001:db8::6"), List.of(), null),
        new Case("DNSEndpoint: A, AAAA, CNAME, TXT, record TTL; invalid targets dropped", "", """
            apiVersion: externaldns.k8s.io/v1alpha1
            kind: DNSEndpoint
            metadata: {name: ep, namespace: apps, annotations: {lanyard.dev/views: "lan,public"}}
            spec:
              endpoints:
                - {dnsName: v4.example.com, recordType: A, targets: [10.0.0.7, "2001:db8::1", nope], recordTTL: 60}
                - {dnsName: v6.example.com, recordType: AAAA, targets: ["2001:db8::7"]}
                - {dnsName: alias.example.com, recordType: CNAME, targets: [target.example.net]}
                - {dnsName: txt.example.com, recordType: TXT, targets: ["v=spf1 -all"]}
                - {dnsName: mx.example.com, recordType: MX, targets: ["10 mail.example.com"]}
            """,
            List.of("alias.example.com CNAME 300 target.example.net", "txt.example.com TXT 300 v=spf1 -all",
                "v4.example.com A 60 10.0.0.7", "v6.example.com AAAA 300 2001:db8::7"),
            List.of("alias.example.com CNAME 300 target.example.net", "txt.example.com TXT 300 v=spf1 -all",
                "v4.example.com A 60 10.0.0.7", "v6.example.com AAAA 300 2001:db8::7"),
            "record type MX is not supported"),
        new Case("a hostname outside every zone is zone-relative, as in k8s_gateway", "",
            service("external-dns.alpha.kubernetes.io/hostname: web.example.org", "", LB_STATUS),
            List.of("web.example.org.example.com A 300 10.0.0.5"), List.of(), null),
        new Case("k8s-gateway.dns/ignore label", "", """
            apiVersion: v1
            kind: Service
            metadata: {name: hidden, namespace: apps, labels: {k8s-gateway.dns/ignore: "true"}}
            spec: {type: LoadBalancer}
            status: {loadBalancer: {ingress: [{ip: 10.0.0.5}]}}
            """, List.of(), List.of(), null)
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translates(Case c) {
    var config = c.extraConfig().isEmpty() ? baseConfig("")
        : Fixtures.config(Fixtures.BASE_CONFIG.replace("kubernetes: {enabled: true}", "kubernetes: {enabled: true}\n" + c.extraConfig()));
    DesiredState state = Fixtures.state(config, c.manifests());
    assertThat(lines(state, "lan")).as("lan").containsExactlyElementsOf(c.lan());
    assertThat(lines(state, "public")).as("public").containsExactlyElementsOf(c.pub());
    if (c.problem() != null) {
      assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains(c.problem()));
    }
  }

  @Test
  void cnameClashesResolveToTheOldestObjectAndAreReported() {
    String manifests = """
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: young, namespace: a, creationTimestamp: "2026-05-01T00:00:00Z"}
        spec: {endpoints: [{dnsName: c.example.com, recordType: CNAME, targets: [young.example.net]}]}
        ---
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: old, namespace: z, creationTimestamp: "2025-01-01T00:00:00Z"}
        spec: {endpoints: [{dnsName: c.example.com, recordType: CNAME, targets: [old.example.net]}]}
        """;
    DesiredState state = Fixtures.state(baseConfig(""), manifests);
    assertThat(lines(state, "lan")).containsExactly("c.example.com CNAME 300 old.example.net");
    assertThat(problems(state)).anySatisfy(p -> assertThat(p)
        .contains("dnsendpoint/a/young").contains("clashes with CNAME to old.example.net").contains("older"));
  }

  @Test
  void addressesWinOverACnameAtTheSameName() {
    String manifests = """
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: both, namespace: a}
        spec:
          endpoints:
            - {dnsName: x.example.com, recordType: CNAME, targets: [elsewhere.example.net]}
            - {dnsName: x.example.com, recordType: A, targets: [10.1.1.1]}
        """;
    DesiredState state = Fixtures.state(baseConfig(""), manifests);
    assertThat(state.view("lan").orElseThrow().find("x.example.com", RecordType.CNAME)).isEmpty();
    assertThat(lines(state, "lan")).containsExactly("x.example.com A 300 10.1.1.1");
    assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains("the addresses win"));
  }

  @Test
  void providerSpecificPropertiesAndResourcesAreCarried() {
    String manifests = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: net}
        spec:
          addresses: [{value: 10.0.0.1}]
          listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: app
          namespace: web
          annotations: {external-dns.alpha.kubernetes.io/cloudflare-proxied: "true"}
        spec:
          parentRefs: [{name: gw, namespace: net}]
          hostnames: [app.example.com]
        """;
    DesiredState state = Fixtures.state(baseConfig("gateways: {net/gw: {views: [public]}}\n"), manifests);
    var set = state.view("public").orElseThrow().find("app.example.com", RecordType.A).orElseThrow();
    assertThat(set.proxied()).contains(true);
    assertThat(set.resources()).containsExactly("httproute/web/app");
  }
}
