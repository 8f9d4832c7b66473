package dev.lanyard.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000, the platform demo (examples/platform-demo), run as its README walkthrough says: the internal CA
 * {@code idp-demo-ca} made by {@code lanyard ca init}, then {@code lanyard serve}. Lanyard answers the six
 * HTTPRoute hostnames with the gateway's address, issues the Gateway's wildcard certificate from {@code ca-issuer}
 * (read from the Gateway's cert-manager annotation) into the directory store, nginx standing in for the Gateway's
 * TLS listener serves it, and curl trusting only the CA's root validates it for every hostname.
 */
class PlatformDemoTest {
  private static final List<String> APPS = List.of("argocd", "grafana", "vault", "workflows", "pyrra", "backstage");
  private static final String GATEWAY_ADDRESS = "127.0.0.1";
  private static final DateTimeFormatter LIST_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void caInitThenServeGivesEveryAppItsNameAndAWildcardCertificateThatNginxServesAndCurlValidates() throws Exception {
    long started = System.nanoTime();
    ExampleCopy demo = ExampleCopy.of("platform-demo", tmp);
    String suffix = demo.vars("cluster-settings.env").get("DNS_SUFFIX");
    assertThat(suffix).as("DNS_SUFFIX in cluster-settings.env").endsWith(".nip.io");

    ProcessRun init = LanyardProcess.run(demo.dir(), Map.of(), "ca", "init", "--dir", "ca", "--name", "idp-demo-ca");
    assertThat(init.exitCode()).as("lanyard ca init:%n%s%s", init.stdout(), init.stderr()).isZero();
    X509Certificate root = certificates(demo.file("ca/root.pem")).getFirst();
    assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=idp-demo-ca");
    assertThat(root.getBasicConstraints()).as("the root is a CA").isGreaterThanOrEqualTo(0);

    int dns = demo.port(5353);
    long serveStarted = System.nanoTime();
    try (LanyardProcess lanyard = LanyardProcess.start(demo.dir(), Map.of(), "serve", "--config", "lanyard.yaml")) {
      lanyard.await("argocd." + suffix + " to answer", Duration.ofSeconds(60),
          () -> !Dig.query(dns, "argocd." + suffix, "A").values().isEmpty());
      long answered = System.nanoTime();

      for (String app : APPS) {
        Dig.Answer a = Dig.query(dns, app + "." + suffix, "A");
        assertThat(a.rcode()).as("%s: %s", app, a.raw()).isEqualTo("NOERROR");
        assertThat(a.flags()).as("authoritative for %s", app).contains("aa");
        assertThat(a.values()).as("%s.%s", app, suffix).containsExactly(GATEWAY_ADDRESS);
      }
      Dig.Answer unknown = Dig.query(dns, "nope." + suffix, "A");
      assertThat(unknown.rcode()).as("a name no route has").isEqualTo("NXDOMAIN");

      Path store = demo.file("certs/kube-system/idp-wildcard-tls");
      lanyard.await("the wildcard certificate in " + store, Duration.ofSeconds(60),
          () -> lanyard.log().contains("Wrote certificate") && Files.isRegularFile(store.resolve("fullchain.pem")));
      X509Certificate leaf = certificates(store.resolve("fullchain.pem")).getFirst();
      assertThat(dnsNames(leaf)).containsExactly("*." + suffix);
      assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
      leaf.verify(root.getPublicKey());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("privkey.pem"))))
          .isEqualTo("rw-------");

      int https = demo.port(8443);
      Path conf = demo.file("nginx.conf");
      Files.writeString(conf, Files.readString(conf).replace("/tmp/lanyard-nginx-", demo.dir() + "/nginx-"));
      List<String> served = new ArrayList<>();
      try (Nginx nginx = Nginx.start(demo.dir(), "nginx.conf", https)) {
        for (String app : APPS) {
          String host = app + "." + suffix;
          ProcessRun curl = curl(demo.dir(), host, https, "--cacert", "ca/root.pem");
          assertThat(curl.exitCode()).as("curl --cacert ca/root.pem https://%s:%d/: %s%n%s", host, https, curl.stderr(),
              nginx.diagnostics()).isZero();
          assertThat(curl.stdout()).isEqualTo(host + " via the idp-gateway stand-in\n");
          served.add(host);
        }
        ProcessRun untrusted = curl(demo.dir(), "vault." + suffix, https);
        assertThat(untrusted.exitCode()).as("curl without the demo CA must reject the certificate: %s",
            untrusted.stderr()).isEqualTo(60);
      }

      ProcessRun list = LanyardProcess.run(demo.dir(), Map.of(), "certs", "list", "--config", "lanyard.yaml");
      assertThat(list.exitCode()).as("lanyard certs list:%n%s%s", list.stdout(), list.stderr()).isZero();
      assertThat(list.stdout())
          .contains("kube-system/idp-wildcard-tls")
          .contains("issuer ca-issuer")
          .contains("*." + suffix)
          .containsPattern("not after: +" + LIST_TIME.format(leaf.getNotAfter().toInstant()));

      System.out.printf("""
          platform demo (seed 000) proved, in %.1f s:
            lanyard ca init made idp-demo-ca; lanyard serve answered %s (%d names) with %s, \
          first answer %.1f s after serve started; nope.%s is NXDOMAIN
            the Gateway's cert-manager annotation got *.%s issued by ca-issuer into certs/kube-system/idp-wildcard-tls \
          (serial %s, not after %s, key 0600)
            nginx served it and curl --cacert ca/root.pem validated it for %s; without the CA curl refused it (60)
            lanyard certs list shows it with its expiry
          """, (System.nanoTime() - started) / 1e9, String.join(", ", APPS), APPS.size(), GATEWAY_ADDRESS,
          (answered - serveStarted) / 1e9, suffix, suffix, SerialNumbers.hex(leaf.getSerialNumber()),
          LIST_TIME.format(leaf.getNotAfter().toInstant()), String.join(", ", served));
    }
  }

  private static ProcessRun curl(Path dir, String host, int port, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(Repo.binary("curl", "curl").toString(), "-sS", "--max-time", "10",
        "--resolve", host + ":" + port + ":127.0.0.1"));
    cmd.addAll(List.of(extra));
    cmd.add("https://" + host + ":" + port + "/");
    return ProcessRun.run(dir, Map.of(), cmd, 30);
  }

  private static List<X509Certificate> certificates(Path pem) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
    }
  }

  private static List<String> dnsNames(X509Certificate cert) throws CertificateException {
    return cert.getSubjectAlternativeNames().stream()
        .filter(san -> ((Integer) san.get(0)) == 2).map(san -> (String) san.get(1)).toList();
  }
}
