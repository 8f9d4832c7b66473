package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Response rate limiting through the real handler: a flooding /24 gets its budget in full answers,
 * then every second response truncated (TC=1, so real clients retry over TCP) and the rest
 * dropped; its neighbours in other /24s and TCP are unaffected; it is off by default.
 */
class RateLimitTest {
  @TempDir Path dir;

  private DnsServer server(String rrl) {
    DnsServer s = new DnsServer(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
        """ + rrl), new SimpleMeterRegistry(), Fixtures.CLOCK);
    s.update(Fixtures.state(1, Fixtures.records()));
    return s;
  }

  private record Tally(int full, int truncated, int dropped) {}

  private static Tally flood(DnsServer s, int n, int protocol, String from) throws IOException {
    Probe p = new Probe(s);
    int full = 0;
    int truncated = 0;
    int dropped = 0;
    byte[] q = Probe.query("www.example.com", "A", true).toWire();
    for (int i = 0; i < n; i++) {
      List<byte[]> out = p.raw(q, protocol, 0, from);
      if (out.isEmpty()) {
        dropped++;
      } else if (new Message(out.get(0)).getHeader().getFlag(Flags.TC)) {
        truncated++;
      } else {
        full++;
      }
    }
    return new Tally(full, truncated, dropped);
  }

  @Test
  void overTheLimitResponsesAreDroppedOrSlipped() throws IOException {
    try (DnsServer s = server("  rrl: {enabled: true, responsesPerSecond: 10, window: 5s}\n")) {
      Tally t = flood(s, 60, QueryHandler.UDP, "198.51.100.7");
      assertThat(t.full()).as("the budget of one second").isBetween(10, 12);
      assertThat(t.truncated()).as("every second limited response slips").isBetween(23, 25);
      assertThat(t.dropped()).isBetween(23, 25);
      assertThat(flood(s, 5, QueryHandler.UDP, "198.51.100.200").full()).as("same /24 shares the budget").isZero();
      assertThat(flood(s, 5, QueryHandler.UDP, "198.51.101.7").full()).as("another /24 is unaffected").isEqualTo(5);
      assertThat(flood(s, 20, QueryHandler.TCP, "198.51.100.7").full()).as("TCP is not limited").isEqualTo(20);
    }
  }

  @Test
  void ipv6ClientsAreLimitedPerSlash56() throws IOException {
    try (DnsServer s = server("  rrl: {enabled: true, responsesPerSecond: 5, window: 5s}\n")) {
      assertThat(flood(s, 20, QueryHandler.UDP, "2001:db8:0:100::1").full()).isBetween(5, 6);
      assertThat(flood(s, 5, QueryHandler.UDP, "2001:db8:0:1ff::2").full()).as("same /56").isZero();
      assertThat(flood(s, 5, QueryHandler.UDP, "2001:db8:0:200::1").full()).as("next /56").isEqualTo(5);
    }
  }

  @Test
  void offByDefault() throws IOException {
    try (DnsServer s = server("")) {
      assertThat(flood(s, 200, QueryHandler.UDP, "198.51.100.7").full()).isEqualTo(200);
    }
  }
}
