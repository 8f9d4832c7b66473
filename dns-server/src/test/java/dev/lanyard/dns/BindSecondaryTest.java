package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BIND 9 as a secondary of Lanyard: it transfers both zones with TSIG, answers like Lanyard, and
 * after a change Lanyard's NOTIFY makes it pull the new serial by IXFR within seconds.
 */
class BindSecondaryTest {
  @TempDir Path dir;
  private Process named;
  private DnsServer server;
  private Path log;

  @AfterEach
  void stop() throws InterruptedException {
    if (named != null) {
      named.destroy();
      if (!named.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        named.destroyForcibly();
      }
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bindTransfersFollowsNotifyWithIxfrAndAnswersTheSame() throws Exception {
    String namedBin = Peers.require("named", "bind9");
    int bindPort = Peers.freePort("127.0.0.1");
    Files.writeString(dir.resolve("xfr.key"), ZoneTransferTest.SECRET);
    server = new DnsServer(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
          transfer:
            tsig:
              - {name: xfr-key, algorithm: hmac-sha256, secretFile: xfr.key}
            notify: ["127.0.0.1:%d"]
        """.formatted(bindPort)), new SimpleMeterRegistry(), Fixtures.CLOCK);
    server.update(Fixtures.state(1, Fixtures.records()));
    server.start();
    int lanyardPort = server.boundAddresses().get(0).getPort();

    Path conf = dir.resolve("named.conf");
    Files.writeString(conf, """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          minimal-responses yes;
          notify no;
        };
        controls { };
        key "xfr-key" { algorithm hmac-sha256; secret "%3$s"; };
        zone "example.com" {
          type secondary;
          primaries { 127.0.0.1 port %4$d key "xfr-key"; };
          file "%1$s/example.com.db";
        };
        zone "example.org" {
          type secondary;
          primaries { 127.0.0.1 port %4$d key "xfr-key"; };
          file "%1$s/example.org.db";
        };
        """.formatted(dir, bindPort, ZoneTransferTest.SECRET, lanyardPort));
    log = dir.resolve("named.log");
    named = new ProcessBuilder(namedBin, "-g", "-n", "1", "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", bindPort);

    await("BIND transfers the zone").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(soaSerial(bind)).isEqualTo(Fixtures.SERIAL));
    assertThat(bindLog()).contains("xfr-key");

    for (Expected row : Expected.synced()) {
      if (row.type().equals("ANY") || row.name().startsWith("cross")) {
        continue;
      }
      row.checkIgnoringOrder(dig(bind, row.name(), row.type()).reply(), Fixtures.SERIAL);
    }

    List<RecordSet> changed = new ArrayList<>(Fixtures.records());
    changed.add(RecordSet.of("new.example.com", RecordType.A, 300, "192.0.2.77"));
    server.update(Fixtures.state(2, changed));
    long started = System.nanoTime();
    await("BIND follows the NOTIFY").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(soaSerial(bind)).isEqualTo(Fixtures.SERIAL + 1));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(millis).as("picked up within seconds, not at the refresh timer").isLessThan(10_000);
    assertThat(dig(bind, "new.example.com", "A").reply().answer())
        .containsExactly("new.example.com. 300 IN A 192.0.2.77");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(bindLog())
        .containsPattern("received notify for zone 'example\\.com': TSIG 'xfr-key'")
        .as("an incremental transfer: the two SOAs framing it, the diff's old and new SOA, one added record")
        .containsPattern("Transfer completed: 1 messages, 5 records, .*\\(serial " + (Fixtures.SERIAL + 1) + "\\)"));
  }

  private String bindLog() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static DigOutput dig(InetSocketAddress at, String name, String type) {
    return DigOutput.parse(Peers.run(10, Peers.command(Peers.require("dig", "dnsutils"),
        "@" + at.getAddress().getHostAddress(), "-p", String.valueOf(at.getPort()), "+norec", "+time=1", "+tries=1",
        name, type)));
  }

  private static long soaSerial(InetSocketAddress at) {
    DigOutput out = dig(at, "example.com", "SOA");
    if (!out.reply().rcode().equals("NOERROR") || out.reply().answer().isEmpty()) {
      return -1;
    }
    return Long.parseLong(out.reply().answer().get(0).split(" ")[6]);
  }

}
