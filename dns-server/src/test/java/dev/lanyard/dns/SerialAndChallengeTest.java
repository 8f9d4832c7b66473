package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SOA serials rise on every content change and never go back; ACME challenges show in every view. */
class SerialAndChallengeTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    final AtomicLong seconds;

    HandClock(long start) {
      seconds = new AtomicLong(start);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.get());
    }
  }

  private LanyardConfigHolder config(boolean persist) {
    return new LanyardConfigHolder(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
        """ + (persist ? "  serialFile: serials.txt\n" : "") + """
        views:
          - name: lan
            clients: [10.0.0.0/8]
          - name: public
        """));
  }

  private record LanyardConfigHolder(dev.lanyard.core.config.LanyardConfig config) {}

  private static dev.lanyard.core.model.DesiredState both(long gen, List<RecordSet> records) {
    Map<String, List<RecordSet>> m = new LinkedHashMap<>();
    m.put("lan", records);
    m.put("public", records);
    return Fixtures.state(gen, true, m);
  }

  @Test
  void serialRisesOnChangeOnlyAndPerZone() {
    HandClock clock = new HandClock(Fixtures.SERIAL);
    try (DnsServer s = new DnsServer(config(false).config(), new SimpleMeterRegistry(), clock)) {
      assertThat(s.serial("example.com")).as("no data yet, no serial").isZero();
      s.update(both(1, Fixtures.records()));
      assertThat(s.serial("example.com")).isEqualTo(Fixtures.SERIAL);
      s.update(both(2, Fixtures.records()));
      assertThat(s.serial("example.com")).as("same content").isEqualTo(Fixtures.SERIAL);

      List<RecordSet> sameDnsOtherSource = Fixtures.records().stream()
          .map(r -> new RecordSet(r.name(), r.type(), r.ttl(), r.values(), List.of("httproute/x/y"), Map.of()))
          .toList();
      s.update(both(3, sameDnsOtherSource));
      assertThat(s.serial("example.com")).as("only the DNS content counts").isEqualTo(Fixtures.SERIAL);

      List<RecordSet> changed = new ArrayList<>(Fixtures.records());
      changed.add(RecordSet.of("new.example.com", RecordType.A, 300, "192.0.2.77"));
      s.update(both(4, changed));
      assertThat(s.serial("example.com")).as("clock did not move: last + 1").isEqualTo(Fixtures.SERIAL + 1);
      assertThat(s.serial("example.org")).as("the other zone did not change").isEqualTo(Fixtures.SERIAL);

      clock.seconds.set(Fixtures.SERIAL + 500);
      changed.add(RecordSet.of("newer.example.com", RecordType.A, 300, "192.0.2.78"));
      s.update(both(5, changed));
      assertThat(s.serial("example.com")).as("time-derived").isEqualTo(Fixtures.SERIAL + 500);

      Map<String, List<RecordSet>> onlyLan = new LinkedHashMap<>();
      onlyLan.put("lan", Fixtures.records());
      onlyLan.put("public", changed);
      s.update(Fixtures.state(6, true, onlyLan));
      assertThat(s.serial("lan", "example.com")).isEqualTo(Fixtures.SERIAL + 501);
      assertThat(s.serial("public", "example.com")).as("views have their own serials")
          .isEqualTo(Fixtures.SERIAL + 500);
    }
  }

  @Test
  void serialNeverGoesBackwardsAcrossRestarts() {
    HandClock clock = new HandClock(Fixtures.SERIAL);
    try (DnsServer s = new DnsServer(config(true).config(), new SimpleMeterRegistry(), clock)) {
      s.update(both(1, Fixtures.records()));
    }
    clock.seconds.set(Fixtures.SERIAL - 10_000);
    try (DnsServer s = new DnsServer(config(true).config(), new SimpleMeterRegistry(), clock)) {
      assertThat(new Probe(s).ask("example.com", "SOA").answer().get(0))
          .as("before the sync, the last known serial").contains(" " + Fixtures.SERIAL + " ");
      s.update(both(1, Fixtures.records()));
      assertThat(s.serial("example.com")).as("same content after restart keeps the serial")
          .isEqualTo(Fixtures.SERIAL);
      List<RecordSet> changed = new ArrayList<>(Fixtures.records());
      changed.add(RecordSet.of("new.example.com", RecordType.A, 300, "192.0.2.77"));
      s.update(both(2, changed));
      assertThat(s.serial("example.com")).as("the clock went back, the serial does not")
          .isEqualTo(Fixtures.SERIAL + 1);
    }
  }

  @Test
  void challengesAnswerInEveryViewEvenBeforeTheSyncAndBumpTheSerialAfter() throws IOException {
    try (DnsServer s = new DnsServer(config(false).config(), new SimpleMeterRegistry(), Fixtures.CLOCK)) {
      s.challenges().add("_acme-challenge.www.example.com", "token-1");
      Reply pre = new Probe(s).ask("_acme-challenge.www.example.com", "TXT");
      assertThat(unquoted(pre.answer())).containsExactly("_acme-challenge.www.example.com. 0 IN TXT token-1");
      assertThat(new Probe(s).ask("www.example.com", "A").rcode()).isEqualTo("SERVFAIL");

      s.update(both(1, Fixtures.records()));
      long before = s.serial("example.com");
      s.challenges().add("_acme-challenge.www.example.com", "token-2");
      assertThat(s.serial("example.com")).isGreaterThan(before);
      for (String from : List.of("10.1.1.1", "192.168.1.1")) {
        Reply r = Reply.of(new Probe(s).ask(Probe.query("_acme-challenge.www.example.com", "TXT", false),
            dev.lanyard.dns.query.QueryHandler.UDP, 0, from));
        assertThat(unquoted(r.answer())).containsExactly("_acme-challenge.www.example.com. 0 IN TXT token-1",
            "_acme-challenge.www.example.com. 0 IN TXT token-2");
      }
      s.challenges().remove("_acme-challenge.www.example.com", "token-1");
      s.challenges().remove("_acme-challenge.www.example.com", "token-2");
      s.challenges().remove("_acme-challenge.www.example.com", "never-added");
      assertThat(new Probe(s).ask("_acme-challenge.www.example.com", "TXT").rcode()).isEqualTo("NXDOMAIN");
    }
  }

  private static List<String> unquoted(List<String> lines) {
    return lines.stream().map(l -> l.replace("\"", "")).toList();
  }

  @Test
  void challengesOutsideTheZonesAreRejectedWithTheReason() {
    try (DnsServer s = new DnsServer(config(false).config(), new SimpleMeterRegistry(), Fixtures.CLOCK)) {
      assertThatThrownBy(() -> s.challenges().add("_acme-challenge.example.net", "x"))
          .isInstanceOf(IOException.class).hasMessageContaining("none of the zones");
      assertThatThrownBy(() -> s.challenges().add("*.example.com", "x")).isInstanceOf(IOException.class)
          .hasMessageContaining("wildcard");
      assertThatThrownBy(() -> s.challenges().add("bad name!", "x")).isInstanceOf(IOException.class)
          .hasMessageContaining("not a DNS name");
    }
  }
}
