package dev.lanyard.e2e.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.sync.testing.Bind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * {@code lanyard serve} with the {@code rfc2136} solver: challenge TXT records go to a real BIND 9
 * as TSIG-signed dynamic updates, and Pebble validates them by asking that BIND.
 */
class AcmeRfc2136E2eTest {
  @TempDir Path dir;

  @Test
  void issuesThroughTsigSignedUpdatesToBindThatPebbleResolvesFrom() throws Exception {
    Files.createDirectories(dir.resolve("manifests"));
    try (Bind bind = Bind.start("example.test");
        Pebble pebble = Pebble.start(Files.createDirectories(dir.resolve("pebble")), bind.server(), Pebble.Options.defaults())) {
      Files.writeString(dir.resolve("lanyard.yaml"), """
          zones:
            - name: lanyard.test
              ttl: 60
              nameservers: [{name: ns1.lanyard.test, addresses: [127.0.0.1]}]
          dns:
            listen: ["127.0.0.1:%d"]
          http:
            listen: "127.0.0.1:%d"
          sources:
            manifests: {paths: [./manifests]}
          certificates:
            issuers:
              - name: pebble
                acme:
                  directory: %s
                  trust: ./pebble/ca.pem
                  accountKey: {file: ./acme-account.pem}
                  solver:
                    type: rfc2136
                    server: "%s"
                    tsig: {name: %s, algorithm: %s, secretFile: "%s"}
            certificates:
              - name: bind
                issuer: pebble
                dnsNames: ["*.example.test", example.test]
                stores: [{dir: ./certs/bind}]
          """.formatted(FreePorts.tcpAndUdp(), FreePorts.tcpAndUdp(), pebble.directory(), bind.server(), bind.key().name(),
          bind.key().algorithm(), bind.key().secretFile()));
      Path fullchain = dir.resolve("certs/bind/fullchain.pem");

      long start = System.nanoTime();
      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the certificate on disk", Duration.ofSeconds(60), () -> Files.exists(fullchain));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(Certs.dnsNames(Certs.leaf(fullchain))).containsExactlyInAnyOrder("*.example.test", "example.test");
        String verified = Certs.opensslVerify(dir, fullchain, pebble.rootPem());
        assertThat(pebble.log()).contains("Using custom DNS resolver for ACME challenges: " + bind.server());
        String adds = "key " + Bind.KEY_NAME + ": updating zone 'example.test/IN': adding an RR at "
            + "'_acme-challenge.example.test' TXT";
        String deletes = "key " + Bind.KEY_NAME + ": updating zone 'example.test/IN': deleting an RR at "
            + "_acme-challenge.example.test TXT";
        lanyard.await("the challenge records deleted at BIND", Duration.ofSeconds(10), () -> count(namedLog(bind), deletes) >= 2);
        String named = bind.log();
        int added = count(named, adds);
        int deleted = count(named, deletes);
        assertThat(added).as("both values added with TSIG key %s:%n%s", Bind.KEY_NAME, named).isEqualTo(2);
        assertThat(deleted).as("both values deleted again:%n%s", named).isEqualTo(2);
        assertThat(bind.query("_acme-challenge.example.test", Type.TXT)).as("nothing left at BIND").isEmpty();
        assertThat(lanyard.log()).doesNotContain(Files.readString(bind.key().secretFile()).strip());
        System.out.printf("rfc2136 solver -> BIND 9 (TSIG %s) <- Pebble: *.example.test + example.test issued, serial %s, "
            + "in %.2f s from process start; BIND logged %d signed adds and %d deletes; openssl: %s%n",
            Bind.KEY_NAME, Certs.serial(fullchain), seconds, added, deleted, verified);
      }
    }
  }

  private static String namedLog(Bind bind) {
    try {
      return bind.log();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
