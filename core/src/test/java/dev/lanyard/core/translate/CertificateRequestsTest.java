package dev.lanyard.core.translate;

import static dev.lanyard.core.testing.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** cert-manager gateway-shim rules and Certificate resources become CertificateRequests. */
class CertificateRequestsTest {

  static final String CONFIG = Fixtures.BASE_CONFIG + """
      certificates:
        issuers:
          - {name: letsencrypt-prod, ca: {dir: /tmp/ca}}
        gateways: {dir: /srv/certs, reload: "nginx -s reload"}
      """;

  @Test
  void listenersSharingASecretBecomeOneCertificateWithMergedNames() {
    DesiredState state = Fixtures.state(Fixtures.config(CONFIG), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: edge
          namespace: infra
          annotations:
            cert-manager.io/cluster-issuer: letsencrypt-prod
            cert-manager.io/duration: 2160h
            cert-manager.io/renew-before: 720h
            cert-manager.io/private-key-algorithm: RSA
            cert-manager.io/private-key-size: "3072"
        spec:
          listeners:
            - {name: https-wild, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: {mode: Terminate, certificateRefs: [{name: wildcard}]}}
            - {name: https-apex, protocol: HTTPS, port: 443, hostname: example.com, tls: {certificateRefs: [{kind: Secret, name: wildcard}]}}
            - {name: other, protocol: TLS, port: 8443, hostname: other.example.com, tls: {certificateRefs: [{name: other-tls}]}}
            - {name: http, protocol: HTTP, port: 80, hostname: plain.example.com}
            - {name: passthrough, protocol: TLS, port: 9443, hostname: pt.example.com, tls: {mode: Passthrough}}
            - {name: foreign, protocol: HTTPS, port: 443, hostname: f.example.com, tls: {certificateRefs: [{name: x, namespace: elsewhere}]}}
            - {name: nohost, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: wildcard}]}}
        """);
    assertThat(state.certificates()).extracting(CertificateRequest::name).containsExactly("infra/wildcard", "infra/other-tls");
    CertificateRequest wildcard = state.certificates().get(0);
    assertThat(wildcard.dnsNames()).containsExactly("*.example.com", "example.com");
    assertThat(wildcard.issuer()).isEqualTo("letsencrypt-prod");
    assertThat(wildcard.duration()).contains(Duration.ofHours(2160));
    assertThat(wildcard.renewBefore()).contains(Duration.ofHours(720));
    assertThat(wildcard.privateKey().algorithm()).isEqualTo(KeyAlgorithm.RSA);
    assertThat(wildcard.privateKey().size()).isEqualTo(3072);
    assertThat(wildcard.origin()).isEqualTo("gateway/infra/edge");
    assertThat(wildcard.stores()).containsExactly(new StoreSpec.Secret("infra", "wildcard"),
        new StoreSpec.Directory(Path.of("/srv/certs/infra/wildcard"), java.util.Optional.of("nginx -s reload")));
    assertThat(problems(state))
        .anySatisfy(p -> assertThat(p).contains("listener passthrough is TLS Passthrough"))
        .anySatisfy(p -> assertThat(p).contains("listener foreign refers to Secret elsewhere/x in another namespace"))
        .anySatisfy(p -> assertThat(p).contains("listener nohost has no hostname"));
  }

  @Test
  void bothIssuerAnnotationsIsAnError() {
    DesiredState state = Fixtures.state(Fixtures.config(CONFIG), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: edge
          namespace: infra
          annotations: {cert-manager.io/cluster-issuer: a, cert-manager.io/issuer: b}
        spec:
          listeners: [{name: h, protocol: HTTPS, port: 443, hostname: a.example.com, tls: {certificateRefs: [{name: s}]}}]
        """);
    assertThat(state.certificates()).isEmpty();
    assertThat(state.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith("error: gateway/infra/edge").contains("both"));
  }

  @Test
  void certManagerCertificateResourcesAreHonoured() {
    DesiredState state = Fixtures.state(Fixtures.config(CONFIG), """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: wildcard-tls, namespace: kube-system}
        spec:
          secretName: wildcard-tls
          issuerRef: {name: letsencrypt-prod, kind: ClusterIssuer}
          dnsNames: ["*.example.com", "example.com"]
          privateKey: {algorithm: ECDSA, size: 384}
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: unknown-issuer, namespace: kube-system}
        spec:
          secretName: u
          issuerRef: {name: vault}
          dnsNames: [u.example.com]
        """);
    assertThat(state.certificates()).extracting(CertificateRequest::name).containsExactly("kube-system/u", "kube-system/wildcard-tls");
    CertificateRequest w = state.certificates().get(1);
    assertThat(w.dnsNames()).containsExactly("*.example.com", "example.com");
    assertThat(w.privateKey().size()).isEqualTo(384);
    assertThat(w.origin()).isEqualTo("certificate/kube-system/wildcard-tls");
    assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains("issuer \"vault\", which is not in certificates.issuers"));
  }

  @Test
  void withoutKeySettingsTheKeyIsCertManagersDefaultRsa2048() {
    DesiredState state = Fixtures.state(Fixtures.config(CONFIG), """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: wildcard-tls, namespace: network}
        spec:
          secretName: wildcard-tls
          issuerRef: {name: letsencrypt-prod, kind: ClusterIssuer}
          dnsNames: ["example.com", "*.example.com"]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: infra, annotations: {cert-manager.io/cluster-issuer: letsencrypt-prod}}
        spec:
          listeners: [{name: h, protocol: HTTPS, port: 443, hostname: a.example.com, tls: {certificateRefs: [{name: a-tls}]}}]
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: ec, namespace: network}
        spec:
          secretName: ec
          issuerRef: {name: letsencrypt-prod}
          dnsNames: [ec.example.com]
          privateKey: {algorithm: ECDSA}
        """);
    assertThat(state.certificates()).extracting(CertificateRequest::name)
        .containsExactlyInAnyOrder("network/wildcard-tls", "infra/a-tls", "network/ec");
    for (CertificateRequest r : state.certificates()) {
      boolean ec = r.name().equals("network/ec");
      assertThat(r.privateKey().algorithm()).as(r.name()).isEqualTo(ec ? KeyAlgorithm.ECDSA : KeyAlgorithm.RSA);
      assertThat(r.privateKey().size()).as(r.name()).isEqualTo(ec ? 256 : 2048);
    }
  }

  @Test
  void withoutAStoreTheRequestIsReportedNotInvented() {
    String noStores = Fixtures.BASE_CONFIG.replace("kubernetes: {enabled: true}", "manifests: {paths: [.]}")
        + "certificates: {issuers: [{name: i, ca: {dir: /tmp/ca}}]}\n";
    DesiredState state = Fixtures.state(Fixtures.config(noStores), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: infra, annotations: {lanyard.dev/issuer: i}}
        spec:
          listeners: [{name: h, protocol: HTTPS, port: 443, hostname: a.example.com, tls: {certificateRefs: [{name: s}]}}]
        """);
    assertThat(state.certificates()).isEmpty();
    assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains("set certificates.gateways.dir"));
  }

  @Test
  void configCertificatesComeFirstAndKeepTheirName() {
    String config = Fixtures.BASE_CONFIG + """
        certificates:
          issuers:
            - {name: letsencrypt-prod, ca: {dir: /tmp/ca}}
          certificates:
            - {name: infra/wildcard, issuer: letsencrypt-prod, dnsNames: [config.example.com], stores: [{dir: /srv/c}]}
        """;
    DesiredState state = Fixtures.state(Fixtures.config(config), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: infra, annotations: {cert-manager.io/issuer: letsencrypt-prod}}
        spec:
          listeners: [{name: h, protocol: HTTPS, port: 443, hostname: a.example.com, tls: {certificateRefs: [{name: wildcard}]}}]
        """);
    assertThat(state.certificates()).singleElement().satisfies(c -> {
      assertThat(c.origin()).isEqualTo("config");
      assertThat(c.dnsNames()).containsExactly("config.example.com");
    });
    assertThat(problems(state)).anySatisfy(p -> assertThat(p).contains("already requested by config"));
  }
}
