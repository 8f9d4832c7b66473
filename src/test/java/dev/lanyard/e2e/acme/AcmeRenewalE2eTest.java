package dev.lanyard.e2e.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal end to end: Pebble issues 60-second certificates, and one running {@code lanyard serve}
 * renews before expiry (at about two thirds of the lifetime), writes the new files and runs the
 * reload command, with no restart.
 */
class AcmeRenewalE2eTest {
  private static final long LIFETIME_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void renewsAShortLivedCertificateBeforeExpiryWithoutARestartAndRunsTheReloadCommand() throws Exception {
    Files.createDirectories(dir.resolve("manifests"));
    int dnsPort = FreePorts.tcpAndUdp();
    try (Pebble pebble = Pebble.start(Files.createDirectories(dir.resolve("pebble")), new HostPort("127.0.0.1", dnsPort),
        new Pebble.Options(Map.of(), Optional.of(LIFETIME_SECONDS), 0))) {
      Files.writeString(dir.resolve("lanyard.yaml"), """
          zones:
            - name: example.test
              ttl: 60
              nameservers: [{name: ns1.example.test, addresses: [127.0.0.1]}]
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
                  solver: {type: self}
            certificates:
              - name: short
                issuer: pebble
                dnsNames: [short.example.test]
                stores:
                  # The reload command runs in the store's directory and records the serial it found there.
                  - {dir: ./certs/short, reload: "openssl x509 -in cert.pem -noout -serial >> ../reloads.log"}
          """.formatted(dnsPort, FreePorts.tcpAndUdp(), pebble.directory()));
      Path fullchain = dir.resolve("certs/short/fullchain.pem");
      Path reloads = dir.resolve("certs/reloads.log");

      try (LanyardProcess lanyard = LanyardProcess.start(dir, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the first certificate", Duration.ofSeconds(60), () -> reloadCount(reloads) >= 1);
        X509Certificate first = Certs.leaf(fullchain);
        Instant firstExpiry = first.getNotAfter().toInstant();
        assertThat(Duration.between(first.getNotBefore().toInstant(), firstExpiry))
            .as("Pebble's certificateValidityPeriod").isLessThanOrEqualTo(Duration.ofSeconds(LIFETIME_SECONDS + 1));
        long pid = lanyard.process().pid();

        lanyard.await("the renewed certificate", Duration.ofSeconds(LIFETIME_SECONDS + 30),
            () -> !Certs.leaf(fullchain).getSerialNumber().equals(first.getSerialNumber()));
        Instant renewedAt = Instant.now();
        lanyard.await("the reload after renewal", Duration.ofSeconds(10), () -> reloadCount(reloads) >= 2);
        X509Certificate second = Certs.leaf(fullchain);

        assertThat(renewedAt).as("renewed before the first certificate expired").isBefore(firstExpiry);
        assertThat(lanyard.isAlive()).isTrue();
        assertThat(lanyard.process().pid()).isEqualTo(pid);
        assertThat(lanyard.log()).contains("Certificate short: issuing from pebble (due for renewal since");
        assertThat(Certs.dnsNames(second)).containsExactly("short.example.test");
        Certs.opensslVerify(dir, fullchain, pebble.rootPem());
        assertThat(Files.getPosixFilePermissions(dir.resolve("certs/short/privkey.pem")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(serials(reloads)).as("the reload command saw each new certificate in place")
            .containsExactly(first.getSerialNumber(), second.getSerialNumber());
        System.out.printf("renewal: %d s certificate (serial %s, notBefore %s) renewed by the running process at "
                + "+%.1f s, %.1f s before it expired; new serial %s; reload command ran twice%n",
            LIFETIME_SECONDS, SerialNumbers.hex(first.getSerialNumber()), first.getNotBefore().toInstant(),
            Duration.between(first.getNotBefore().toInstant(), renewedAt).toMillis() / 1000.0,
            Duration.between(renewedAt, firstExpiry).toMillis() / 1000.0, SerialNumbers.hex(second.getSerialNumber()));
      }
    }
  }

  private static long reloadCount(Path reloads) {
    return serials(reloads).size();
  }

  private static List<BigInteger> serials(Path reloads) {
    if (!Files.exists(reloads)) {
      return List.of();
    }
    return Certs.read(reloads).lines().filter(l -> l.startsWith("serial="))
        .map(l -> new BigInteger(l.substring("serial=".length()).strip(), 16)).toList();
  }
}
