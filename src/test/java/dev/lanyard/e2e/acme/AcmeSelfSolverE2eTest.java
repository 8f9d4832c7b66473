package dev.lanyard.e2e.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.DnsCountingProxy;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanyard serve} (the built jar) obtains certificates from a real Pebble with the {@code self}
 * solver: Lanyard's own DNS server answers the DNS-01 challenges that Pebble's validation asks it.
 * The Secret store talks to fabric8's CRUD mock API server in this JVM through a kubeconfig file; a
 * Secret store needs {@code sources.kubernetes.enabled: true}, since that is what gives Lanyard a
 * Kubernetes client.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class AcmeSelfSolverE2eTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @TempDir Path dir;

  private static String config(int dnsPort, String issuerExtra, String sources, String certificates) {
    return """
        zones:
          - name: example.test
            ttl: 60
            nameservers: [{name: ns1.example.test, addresses: [127.0.0.1]}]
        dns:
          listen: ["127.0.0.1:%d"]
        http:
          listen: "127.0.0.1:%d"
        sources:
        %s
        certificates:
          issuers:
            - name: pebble
              acme:
                directory: %s
                email: ops@example.test
                trust: ./pebble/ca.pem
                accountKey: {file: ./acme-account.pem}
                solver: {type: self}
        %s
          certificates:
        %s
        """.formatted(dnsPort, FreePorts.tcpAndUdp(), indent(sources, 2), "%s", indent(issuerExtra, 8),
        indent(certificates, 4));
  }

  private static String indent(String text, int spaces) {
    return text.strip().indent(spaces).stripTrailing();
  }

  private Pebble pebble(HostPort dns, Pebble.Options options) throws Exception {
    return Pebble.start(Files.createDirectories(dir.resolve("pebble")), dns, options);
  }

  private Path writeConfig(String template, Pebble pebble) throws Exception {
    return Files.writeString(dir.resolve("lanyard.yaml"), template.formatted(pebble.directory()));
  }

  @Test
  void issuesAWildcardAndApexCertificateIntoADirectoryAndASecret() throws Exception {
    int dnsPort = FreePorts.tcpAndUdp();
    // Pebble and Lanyard's own propagation check each reach Lanyard through a counting proxy, so the
    // queries each side made for the challenge are counted on the wire.
    try (DnsCountingProxy forPebble = DnsCountingProxy.start(dnsPort);
        DnsCountingProxy forCheck = DnsCountingProxy.start(dnsPort);
        Pebble pebble = pebble(new HostPort("127.0.0.1", forPebble.port()), Pebble.Options.defaults())) {
      Kubeconfig.write(dir, server);
      writeConfig(config(dnsPort, "nameservers: [\"" + forCheck.address() + "\"]",
          "kubernetes: {enabled: true, kubeconfig: ./kubeconfig.yaml}", """
          - name: wildcard
            issuer: pebble
            dnsNames: ["*.example.test", example.test]
            stores:
              - {dir: ./certs/wildcard}
              - {secret: infra/wildcard-tls}
          """), pebble);
      Path certs = dir.resolve("certs/wildcard");
      Path fullchain = certs.resolve("fullchain.pem");

      long start = System.nanoTime();
      long[] firstLog = {0};
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the certificate on disk", Duration.ofSeconds(60), () -> {
          if (firstLog[0] == 0 && !lanyard.log().isEmpty()) {
            firstLog[0] = System.nanoTime();
          }
          return Files.exists(fullchain);
        });
        long onDisk = System.nanoTime();
        lanyard.await("the Secret", Duration.ofSeconds(30),
            () -> client.secrets().inNamespace("infra").withName("wildcard-tls").get() != null);

        X509Certificate leaf = Certs.leaf(fullchain);
        assertThat(Certs.dnsNames(leaf)).containsExactlyInAnyOrder("*.example.test", "example.test");
        String verified = Certs.opensslVerify(dir, fullchain, pebble.rootPem());
        assertThat(Files.getPosixFilePermissions(certs.resolve("privkey.pem")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("acme-account.pem")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Secret secret = client.secrets().inNamespace("infra").withName("wildcard-tls").get();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(Certs.secretData(secret, "tls.crt")).isEqualTo(Certs.read(fullchain));
        assertThat(Certs.secretData(secret, "tls.key")).isEqualTo(Certs.read(certs.resolve("privkey.pem")));
        assertThat(secret.getMetadata().getAnnotations())
            .containsEntry("cert-manager.io/certificate-name", "wildcard")
            .containsEntry("cert-manager.io/issuer-name", "pebble")
            .containsEntry("cert-manager.io/alt-names", "*.example.test,example.test");

        String challenge = "_acme-challenge.example.test";
        long askedByPebble = forPebble.count(challenge, "TXT");
        long askedByCheck = forCheck.count(challenge);
        assertThat(askedByPebble).as("Pebble validated both authorizations from Lanyard's DNS").isPositive();
        assertThat(askedByCheck).as("Lanyard checked its own listener before triggering the challenges").isPositive();
        Dig.Answer after = Dig.query(dnsPort, challenge, "TXT");
        assertThat(after.types()).as("challenge records removed after issuance:%n%s", after.raw()).doesNotContain("TXT");
        assertThat(pebble.log()).contains("Using custom DNS resolver for ACME challenges: " + forPebble.address());

        double total = (onDisk - start) / 1e9;
        double afterJvm = (onDisk - firstLog[0]) / 1e9;
        java.util.regex.Matcher order = java.util.regex.Pattern
            .compile("issuer pebble: issued certificate wildcard for .* \\((\\d+) ms\\)").matcher(lanyard.log());
        assertThat(order.find()).as("the issuer logs how long the order took:%n%s", lanyard.log()).isTrue();
        System.out.printf("""
            self solver, lanyard serve -> Pebble 2.4 -> Lanyard's DNS:
              *.example.test + example.test issued, serial %s; openssl: %s; privkey.pem 0600; Secret infra/wildcard-tls \
            with tls.crt/tls.key and cert-manager annotations
              wall time: %.2f s from process start to fullchain.pem on disk, %.2f s after Lanyard's first log line \
            (JVM up, config loaded, DNS bound); the ACME order itself (new order to certificate) took %s ms
              DNS queries Lanyard answered for %s: %d by Pebble (%s), %d by Lanyard's own propagation check (%s)
            """, Certs.serial(fullchain), verified, total, afterJvm, order.group(1), challenge, askedByPebble,
            forPebble.queries().stream().filter(q -> q.name().equals(challenge)).map(q -> q.type() + "/" + q.protocol()).toList(),
            askedByCheck,
            forCheck.queries().stream().filter(q -> q.name().equals(challenge)).map(q -> q.type() + "/" + q.protocol()).toList());
        System.out.println("  where the time went, from Lanyard's log:");
        lanyard.log().lines().filter(l -> l.matches(".*(DNS listening on|all sources synced|issuing from|created a new ACME|"
            + "ACME account|ordering|published|issued certificate|Wrote).*")).map(l -> "    " + l).forEach(System.out::println);
      }
    }
  }

  @Test
  void issuesWithExternalAccountBindingRequiredAndTheDefaultNameservers() throws Exception {
    byte[] hmac = new byte[32];
    new SecureRandom().nextBytes(hmac);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac);
    Files.writeString(dir.resolve("eab.key"), key + "\n");
    Files.createDirectories(dir.resolve("manifests"));
    int dnsPort = FreePorts.tcpAndUdp();
    try (Pebble pebble = pebble(new HostPort("127.0.0.1", dnsPort),
        new Pebble.Options(Map.of("kid-1", key), Optional.empty(), 0))) {
      // No nameservers: the self solver checks Lanyard's own dns.listen addresses.
      writeConfig(config(dnsPort, "eab: {kid: kid-1, hmacKeyFile: ./eab.key}", "manifests: {paths: [./manifests]}", """
          - name: eab
            issuer: pebble
            dnsNames: ["*.example.test", example.test]
            stores: [{dir: ./certs/eab}]
          """), pebble);
      Path fullchain = dir.resolve("certs/eab/fullchain.pem");
      long start = System.nanoTime();
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the certificate on disk", Duration.ofSeconds(60), () -> Files.exists(fullchain));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(Certs.dnsNames(Certs.leaf(fullchain))).containsExactlyInAnyOrder("*.example.test", "example.test");
        String verified = Certs.opensslVerify(dir, fullchain, pebble.rootPem());
        ProcessRun directory = ProcessRun.run(dir, Map.of(), List.of(Repo.binary("curl", "curl").toString(), "-sS",
            "--cacert", "pebble/ca.pem", pebble.directory()), 30);
        assertThat(directory.stdout()).as("Pebble requires external account binding")
            .containsPattern("\"externalAccountRequired\": *true");
        assertThat(lanyard.log()).doesNotContain(key);
        System.out.printf("EAB required (kid-1): issued serial %s in %.2f s from process start; openssl: %s%n",
            Certs.serial(fullchain), seconds, verified);
      }
    }
  }

  @Test
  void aFailedOrderIsListedWithTheSolversProblemAndTheGoodCertificateStays() throws Exception {
    int dnsPort = FreePorts.tcpAndUdp();
    try (Pebble pebble = pebble(new HostPort("127.0.0.1", dnsPort), Pebble.Options.defaults())) {
      Kubeconfig.write(dir, server);
      String good = config(dnsPort, "", "kubernetes: {enabled: true, kubeconfig: ./kubeconfig.yaml}", """
          - name: site
            issuer: pebble
            dnsNames: [site.example.test]
            stores:
              - {dir: ./certs/site}
              - {secret: infra/site-tls}
          """);
      Path certs = dir.resolve("certs/site");
      writeConfig(good, pebble);
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the good certificate", Duration.ofSeconds(60),
            () -> Files.exists(certs.resolve("lanyard.properties"))
                && client.secrets().inNamespace("infra").withName("site-tls").get() != null);
      }
      String serial = Certs.serial(certs.resolve("fullchain.pem"));
      Map<String, String> files = Map.of("fullchain.pem", Certs.read(certs.resolve("fullchain.pem")),
          "privkey.pem", Certs.read(certs.resolve("privkey.pem")));
      String secretCrt = Certs.secretData(client.secrets().inNamespace("infra").withName("site-tls").get(), "tls.crt");

      // The user adds a name in a zone Lanyard does not serve: the self solver cannot answer its challenge.
      writeConfig(good.replace("dnsNames: [site.example.test]", "dnsNames: [site.example.test, www.elsewhere.test]"), pebble);
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the failed order", Duration.ofSeconds(60),
            () -> lanyard.log().contains("the stored certificate stays in place"));

        ProcessRun list = LanyardProcess.run(dir, Map.of(), "certs", "list", "--config", "lanyard.yaml");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout())
            .contains("names:        site.example.test, www.elsewhere.test")
            .contains("serial:       " + serial)
            .containsPattern("last error: +issuer pebble: .*_acme-challenge\\.www\\.elsewhere\\.test.*\\(last attempt ");
        assertThat(list.stderr()).as("certs list needs no DNS server to show the self issuer's certificates")
            .doesNotContain("cannot be used");
        for (Map.Entry<String, String> f : files.entrySet()) {
          assertThat(Certs.read(certs.resolve(f.getKey()))).as(f.getKey() + " unchanged").isEqualTo(f.getValue());
        }
        Secret secret = client.secrets().inNamespace("infra").withName("site-tls").get();
        assertThat(Certs.secretData(secret, "tls.crt")).as("the Secret still holds the good certificate").isEqualTo(secretCrt);
        assertThat(secret.getMetadata().getAnnotations().get("lanyard.dev/last-failure")).contains("www.elsewhere.test");
        System.out.printf("failure safety: the order for www.elsewhere.test failed, serial %s stays in %s and "
            + "infra/site-tls; `lanyard certs list` shows:%n%s%n", serial, certs, list.stdout().strip().indent(2));
      }

      // Back to the good request: the stored certificate fits again, nothing is issued and the note goes.
      writeConfig(good, pebble);
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the note of the failure erased", Duration.ofSeconds(60),
            () -> !Files.exists(certs.resolve("lanyard-failure.properties")));
        ProcessRun list = LanyardProcess.run(dir, Map.of(), "certs", "list", "--config", "lanyard.yaml");
        assertThat(list.stdout()).contains("serial:       " + serial).doesNotContain("last error");
        assertThat(lanyard.log()).doesNotContain("issuing from pebble");
      }
    }
  }
}
