package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters the HTTP endpoint exports: queries by view, qtype, rcode and protocol; latency; records. */
class MetricsTest {
  @TempDir Path dir;

  @Test
  void queriesAreCountedByViewTypeRcodeAndProtocol() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DnsServer s = new DnsServer(Fixtures.config(dir), registry, Fixtures.CLOCK)) {
      s.update(Fixtures.state(1, Fixtures.records()));
      Probe p = new Probe(s);
      for (int i = 0; i < 3; i++) {
        p.ask("www.example.com", "A");
      }
      p.ask("nope.example.com", "AAAA");
      p.ask("example.net", "A");
      p.ask(Probe.query("www.example.com", "A", false), QueryHandler.TCP, 0, "127.0.0.1");
      p.ask("www.example.com", "ANY");

      assertThat(count(registry, "default", "A", "NOERROR", "udp")).isEqualTo(3);
      assertThat(count(registry, "default", "AAAA", "NXDOMAIN", "udp")).isEqualTo(1);
      assertThat(count(registry, "default", "A", "REFUSED", "udp")).isEqualTo(1);
      assertThat(count(registry, "default", "A", "NOERROR", "tcp")).isEqualTo(1);
      assertThat(count(registry, "default", "ANY", "NOERROR", "udp")).as("slow path counted too").isEqualTo(1);
      Timer udp = registry.find("lanyard.dns.query.duration").tag("protocol", "udp").timer();
      assertThat(udp.count()).isEqualTo(6);
      assertThat(registry.find("lanyard.dns.records").tag("view", "default").gauge().value())
          .as("SOA, 2 NS, 2 glue and the fixture's records in example.com, plus example.org")
          .isGreaterThan(20);
    }
  }

  private static double count(SimpleMeterRegistry r, String view, String qtype, String rcode, String protocol) {
    var c = r.find("lanyard.dns.queries").tags("view", view, "qtype", qtype, "rcode", rcode, "protocol", protocol)
        .counter();
    return c == null ? 0 : c.count();
  }
}
