package dev.lanyard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.net.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  static final String VALID = """
      zones: [{name: Example.COM., ttl: 300, nameservers: [{name: ns1.example.com, addresses: [192.168.1.53]}]}]
      dns: {listen: ["0.0.0.0:5353"]}
      views:
        - {name: tailscale, listeners: ["0.0.0.0:5354"], clients: ["100.64.0.0/10"]}
        - {name: lan, clients: ["192.168.0.0/16"]}
        - {name: public, public: true}
      gateways:
        network/envoy-external: {views: [lan, public], addresses: {lan: ["192.168.1.22"]}}
        network/envoy-internal: {views: [lan, tailscale]}
      sources:
        manifests: {paths: [./manifests], vars: ./cluster-settings.env}
        kubernetes: {enabled: false}
      """;

  private LanyardConfig load(String yaml) throws Exception {
    Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(dir.resolve("cluster-settings.env"), "SECRET_DOMAIN=example.com\n");
    Path file = Files.writeString(dir.resolve("lanyard.yaml"), yaml);
    return ConfigLoader.load(file);
  }

  @Test
  void theIssueExampleLoadsWithDefaultsAndRelativePaths() throws Exception {
    LanyardConfig c = load(VALID);
    assertThat(c.zones()).singleElement().satisfies(z -> {
      assertThat(z.name()).isEqualTo("example.com");
      assertThat(z.soa().mname()).isEqualTo("ns1.example.com");
      assertThat(z.soa().rname()).isEqualTo("hostmaster.example.com");
      assertThat(z.soa().minimum()).isEqualTo(60);
    });
    assertThat(c.viewNames()).containsExactly("tailscale", "lan", "public");
    assertThat(c.defaultView()).map(ViewConfig::name).contains("public");
    assertThat(c.publicViews()).containsExactly("public");
    assertThat(c.allListeners()).containsExactly(new HostPort("0.0.0.0", 5353), new HostPort("0.0.0.0", 5354));
    assertThat(c.sources().manifests().paths()).containsExactly(dir.resolve("manifests"));
    assertThat(c.sources().manifests().vars()).contains(dir.resolve("cluster-settings.env"));
    assertThat(c.gateways().get("network/envoy-external").addressesFor("lan")).contains(List.of("192.168.1.22"));
    assertThat(c.dns().udpPayloadSize()).isEqualTo(1232);
    assertThat(c.sync().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.leaderElectionEnabled()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "views[1].clients[0]: \"10.0.0/8\" is not a CIDR | - {name: lan, clients: [\"192.168.0.0/16\"]}| - {name: lan, clients: [\"10.0.0/8\"]}",
      "views[0].listeners[0]: \"nowhere\" is not an IP address and port | listeners: [\"0.0.0.0:5354\"]| listeners: [\"nowhere\"]",
      "gateways.\"network/envoy-internal\".views: no view named \"wan\" | {views: [lan, tailscale]}| {views: [lan, wan]}",
      "zones[0].ttl: must be a whole number, not \"soon\" | ttl: 300| ttl: soon",
      "dns.listne: unknown key | listen:| listne:",
      "sync.providers[0].cloudflare.apiTokenEnv: \"5\" is not an environment variable name | gateways:| sync: {providers: [{name: cf, type: cloudflare, zones: [example.com], cloudflare: {apiTokenEnv: 5}}]}\\ngateways:",
      "views: only one view may have no match rule | - {name: public, public: true}| - {name: public, public: true}\\n  - {name: other}",
      "gateways.\"network/envoy-external\".addresses.lan: must be IP addresses, or exactly one host name | [\"192.168.1.22\"]| [\"192.168.1.22\", \"lb.example.com\"]",
  })
  void everyProblemNamesItsKeyPath(String expected, String from, String to) {
    String yaml = VALID.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(VALID);
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  @Test
  void aViewWhoseOnlyRuleIsInvalidIsReportedOnceNotAsASecondDefault() {
    String yaml = VALID.replace("- {name: lan, clients: [\"192.168.0.0/16\"]}", "- {name: lan, clients: [\"10.0.0/8\"]}");
    assertThat(yaml).isNotEqualTo(VALID);
    assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("views[1].clients[0]"));
  }

  @Test
  void allProblemsAreListedAtOnce() {
    String yaml = """
        zones: [{name: "bad name!", nameservers: []}]
        views: [{name: lan, clients: [nope]}]
        sources: {manifests: {paths: [./missing]}}
        sync: {policy: sometimes}
        """;
    assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).extracting(ConfigProblem::path).contains(
            "zones[0].name", "zones[0].nameservers", "views[0].clients[0]", "sources.manifests.paths[0]", "sync.policy"));
  }

  @Test
  void unreadableFilesSayWhyInWords() throws Exception {
    Path binary = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
    assertThatThrownBy(() -> ConfigLoader.load(binary)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly("cannot read: not UTF-8 text (a binary file?)"));
    assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly("is a directory; give the config file"));
    assertThatThrownBy(() -> load("zones: 5\nsources: {kubernetes: {enabled: true}}\n"))
        .isInstanceOfSatisfying(ConfigException.class, e ->
            assertThat(e.problems()).extracting(ConfigProblem::path).containsOnlyOnce("zones"));
  }

  @Test
  void brokenYamlSaysWhere() {
    assertThatThrownBy(() -> load("zones: [\n  {name: x\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line ").hasMessageContaining("not valid YAML");
  }

  @Test
  void syncAndCertificateSectionsAreValidated() throws Exception {
    String yaml = VALID + """
        sync:
          owner: homelab
          txtPrefix: "k8s."
          providers:
            - {name: cf, type: cloudflare, zones: [example.com], cloudflare: {proxied: true}}
        certificates:
          issuers:
            - name: letsencrypt
              acme: {directory: "https://127.0.0.1:14000/dir", accountKey: {file: ./acct.pem}, solver: {type: cloudflare, provider: nope}}
          certificates:
            - {name: w, issuer: missing, dnsNames: ["*.example.com"], stores: [{dir: ./certs}], privateKey: {algorithm: RSA, size: 1024}}
        """;
    assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).extracting(ConfigProblem::toString).contains(
            "certificates.certificates[0].issuer: no issuer named \"missing\" in certificates.issuers",
            "certificates.certificates[0].privateKey.size: RSA key size must be 2048..8192, not 1024",
            "certificates.issuers[0].acme.solver.provider: no cloudflare provider named \"nope\" in sync.providers"));
  }

  @Test
  void aConfigWithoutViewsHasOneDefaultView() throws Exception {
    LanyardConfig c = load("""
        zones: [{name: example.com, nameservers: [{name: ns.example.net}]}]
        sources: {manifests: {paths: [./manifests]}}
        """);
    assertThat(c.viewNames()).containsExactly("default");
    assertThat(c.defaultView()).isPresent();
    assertThat(c.dns().listen()).containsExactly(DnsConfig.DEFAULT_LISTEN);
  }

  @Test
  void aSecretStoreNeedsTheKubernetesApiEvenWithoutTheKubernetesSource() throws Exception {
    assertThat(load(VALID).needsKubernetesClient()).isFalse();
    LanyardConfig withSecret = load(VALID + """
        certificates:
          issuers: [{name: ca, ca: {dir: ./ca}}]
          certificates: [{name: w, issuer: ca, dnsNames: [a.example.com], stores: [{secret: network/w-tls}]}]
        """);
    assertThat(withSecret.sources().kubernetes().enabled()).isFalse();
    assertThat(withSecret.needsKubernetesClient()).isTrue();
    assertThat(load(VALID + "certificates: {issuers: [{name: ca, ca: {secret: cert-manager/root}}]}\n")
        .needsKubernetesClient()).isTrue();
  }
}
