package dev.lanyard.core.translate;

import static dev.lanyard.core.testing.Fixtures.baseConfig;
import static dev.lanyard.core.testing.Fixtures.lines;
import static dev.lanyard.core.testing.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Gateway address chain per view: config override, then (public views only) the external-dns
 * target annotation, then status.addresses, spec.addresses, and the Cilium LB-IPAM annotation.
 */
class GatewayAddressTest {

  record Case(String name, String gatewayConfig, String annotations, String spec, String status, List<String> lan,
      List<String> pub) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String INFRA = "infrastructure: {annotations: {lbipam.cilium.io/ips: 10.11.1.22}}";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("Cilium infrastructure annotation (seed 003)", "{views: [lan, public]}", "", INFRA, "",
            List.of("a.example.com A 300 10.11.1.22"), List.of("a.example.com A 300 10.11.1.22")),
        new Case("target annotation applies in public views only: LAN IP inside, tunnel CNAME outside",
            "{views: [lan, public]}", "external-dns.alpha.kubernetes.io/target: external.example.com", INFRA, "",
            List.of("a.example.com A 300 10.11.1.22"), List.of("a.example.com CNAME 300 external.example.com")),
        new Case("spec.addresses beat the infrastructure annotation", "{views: [lan, public]}", "",
            INFRA + "\n  addresses: [{type: IPAddress, value: 10.0.0.9}]", "",
            List.of("a.example.com A 300 10.0.0.9"), List.of("a.example.com A 300 10.0.0.9")),
        new Case("status.addresses beat spec.addresses", "{views: [lan, public]}", "",
            "addresses: [{type: IPAddress, value: 10.0.0.9}]",
            "status: {addresses: [{type: IPAddress, value: 10.0.0.7}, {type: IPAddress, value: '2001:db8::7'}]}",
            List.of("a.example.com A 300 10.0.0.7", "a.example.com AAAA 300 2001:db8::7"),
            List.of("a.example.com A 300 10.0.0.7", "a.example.com AAAA 300 2001:db8::7")),
        new Case("a hostname address becomes a CNAME (Tailscale gateway)", "{views: [lan]}", "",
            "addresses: [{type: Hostname, value: gateway-envoy.tail1234.ts.net}]", "",
            List.of("a.example.com CNAME 300 gateway-envoy.tail1234.ts.net"), List.of()),
        new Case("config override per view comes first", "{views: [lan, public], addresses: {lan: [192.168.1.22], public: [lb.example.net]}}",
            "external-dns.alpha.kubernetes.io/target: external.example.com", INFRA,
            "status: {addresses: [{value: 10.0.0.7}]}",
            List.of("a.example.com A 300 192.168.1.22"), List.of("a.example.com CNAME 300 lb.example.net")),
        new Case("unmapped gateway lands in every non-public view only", "", "external-dns.alpha.kubernetes.io/target: external.example.com",
            INFRA, "", List.of("a.example.com A 300 10.11.1.22"), List.of()),
        new Case("lanyard.dev/views annotation maps an unmapped gateway", "", "lanyard.dev/views: public", INFRA, "",
            List.of(), List.of("a.example.com A 300 10.11.1.22")),
        new Case("no address at all: nothing served, reason reported", "{views: [lan]}", "", "", "", List.of(), List.of())
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void picksAddresses(Case c) {
    String config = c.gatewayConfig().isEmpty() ? "" : "gateways:\n  net/gw: " + c.gatewayConfig() + "\n";
    String manifests = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: gw
          namespace: net
          annotations: {%s}
        spec:
          %s
          listeners: [{name: https, protocol: HTTPS, port: 443, allowedRoutes: {namespaces: {from: All}}}]
        %s
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: a, namespace: app}
        spec:
          parentRefs: [{name: gw, namespace: net}]
          hostnames: [a.example.com]
        """.formatted(c.annotations(), c.spec(), c.status());
    DesiredState state = Fixtures.state(baseConfig(config), manifests);
    assertThat(lines(state, "lan")).as("lan").containsExactlyElementsOf(c.lan());
    assertThat(lines(state, "public")).as("public").containsExactlyElementsOf(c.pub());
    if (c.lan().isEmpty() && c.pub().isEmpty() && c.gatewayConfig().equals("{views: [lan]}")) {
      assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains("gateway/net/gw").contains("has no address for view lan"));
    }
  }
}
