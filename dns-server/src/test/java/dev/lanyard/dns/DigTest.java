package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.RecordSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The running server over real sockets, asked by dig and kdig, compared section by section. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigTest {
  @TempDir static Path dir;
  private DnsServer server;
  private String dig;
  private String kdig;
  private InetSocketAddress at;

  @BeforeAll
  void start() throws Exception {
    dig = Peers.require("dig", "dnsutils");
    kdig = Peers.require("kdig", "knot-dnsutils");
    server = new DnsServer(Fixtures.config(dir), new SimpleMeterRegistry(), Fixtures.CLOCK);
    List<RecordSet> records = new ArrayList<>(Fixtures.records());
    records.add(Fixtures.bigTxt());
    server.update(Fixtures.state(1, records));
    server.start();
    at = server.boundAddresses().get(0);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  Stream<Expected> rows() {
    return Expected.synced().stream();
  }

  DigOutput dig(String... args) {
    List<String> cmd = Peers.command(dig, "@" + at.getAddress().getHostAddress(), "-p", String.valueOf(at.getPort()),
        "+norec", "+time=2", "+tries=1");
    cmd.addAll(List.of(args));
    return DigOutput.parse(Peers.run(10, cmd));
  }

  DigOutput kdig(String... args) {
    List<String> cmd = Peers.command(kdig, "@" + at.getAddress().getHostAddress(), "-p",
        String.valueOf(at.getPort()), "+norec", "+time=2", "+retry=0");
    cmd.addAll(List.of(args));
    return DigOutput.parse(Peers.run(10, cmd));
  }

  @ParameterizedTest(name = "dig {0}")
  @MethodSource("rows")
  void digGetsTheTableAnswers(Expected row) {
    DigOutput out = row.type().equals("ANY") ? dig("+notcp", row.name(), row.type()) : dig(row.name(), row.type());
    row.check(out.reply(), Fixtures.SERIAL);
    assertThat(out.reply().question()).containsExactly(row.name() + ". IN " + row.type());
  }

  @ParameterizedTest(name = "kdig +tcp {0}")
  @MethodSource("rows")
  void kdigOverTcpGetsTheSameAnswers(Expected row) {
    if (row.type().equals("ANY")) {
      return;
    }
    row.check(kdig("+tcp", row.name(), row.type()).reply(), Fixtures.SERIAL);
  }

  @Test
  void queryNameCaseIsPreservedInQuestionAndAnswer() {
    DigOutput out = dig("WwW.ExAmPlE.CoM", "A");
    assertThat(out.reply().question()).containsExactly("WwW.ExAmPlE.CoM. IN A");
    assertThat(out.reply().answer()).containsExactly("WwW.ExAmPlE.CoM. 300 IN A 192.0.2.10",
        "WwW.ExAmPlE.CoM. 300 IN A 192.0.2.11");
    DigOutput wild = dig("X.Apps.Example.COM", "A");
    assertThat(wild.reply().answer()).containsExactly("X.Apps.Example.COM. 300 IN A 192.0.2.20");
  }

  @Test
  void ednsIsEchoedWithTheServerPayloadSizeAndTheDoBit() {
    DigOutput out = dig("+bufsize=4096", "+dnssec", "www.example.com", "A");
    assertThat(String.join("\n", out.edns())).contains("version: 0").contains("do").contains("udp: 1232");
    DigOutput plain = dig("+noedns", "www.example.com", "A");
    assertThat(plain.edns()).isEmpty();
    assertThat(plain.reply().answer()).hasSize(2);
  }

  @Test
  void unknownEdnsVersionGetsBadvers() {
    DigOutput out = dig("+edns=1", "+noednsnegotiation", "www.example.com", "A");
    assertThat(out.reply().rcode()).isEqualTo("BADVERS");
    assertThat(out.reply().answer()).isEmpty();
    assertThat(String.join("\n", out.edns())).contains("version: 0");
  }

  @Test
  void answersTooLargeForUdpAreTruncatedAndCompleteOverTcp() {
    DigOutput udp = dig("+ignore", "big.example.com", "TXT");
    assertThat(udp.reply().flags()).contains("tc");
    assertThat(udp.reply().answer()).isEmpty();
    DigOutput classic = dig("+ignore", "+noedns", "big.example.com", "TXT");
    assertThat(classic.reply().flags()).contains("tc");
    DigOutput tcp = dig("+tcp", "big.example.com", "TXT");
    assertThat(tcp.reply().flags()).doesNotContain("tc");
    assertThat(tcp.reply().answer()).hasSize(40);
    DigOutput retried = dig("big.example.com", "TXT");
    assertThat(retried.reply().answer()).as("dig retries over TCP after TC").hasSize(40);
  }

  @Test
  void anyIsMinimalOverUdpAndCompleteOverTcp() {
    assertThat(dig("+notcp", "www.example.com", "ANY").reply().answer()).hasSize(2);
    assertThat(dig("+tcp", "www.example.com", "ANY").reply().answer()).containsExactly(
        "www.example.com. 300 IN A 192.0.2.10", "www.example.com. 300 IN A 192.0.2.11",
        "www.example.com. 300 IN AAAA 2001:db8::10");
  }

  @Test
  void otherClassesAreRefusedAndClassAnyIsNotImplemented() {
    assertThat(dig("-c", "CH", "version.bind", "TXT").reply().rcode()).isEqualTo("REFUSED");
    assertThat(dig("-c", "CH", "www.example.com", "A").reply().rcode()).isEqualTo("REFUSED");
    assertThat(dig("-c", "ANY", "www.example.com", "A").reply().rcode()).isEqualTo("NOTIMP");
  }

  @Test
  void recursionDesiredIsCopiedButNeverAvailable() {
    DigOutput out = DigOutput.parse(Peers.run(10, Peers.command(dig, "@" + at.getAddress().getHostAddress(), "-p",
        String.valueOf(at.getPort()), "+rec", "+time=2", "+tries=1", "www.example.com", "A")));
    assertThat(out.reply().flags()).contains("qr", "aa", "rd").doesNotContain("ra");
  }

  @Test
  void zoneTransferWithoutPermissionIsRefused() {
    String out = Peers.run(10, Peers.command(dig, "@" + at.getAddress().getHostAddress(), "-p",
        String.valueOf(at.getPort()), "+time=2", "+tries=1", "example.com", "AXFR"));
    assertThat(out).contains("Transfer failed");
    String ixfr = Peers.run(10, Peers.command(kdig, "@" + at.getAddress().getHostAddress(), "-p",
        String.valueOf(at.getPort()), "+time=2", "+retry=0", "example.com", "IXFR=1"));
    assertThat(ixfr).contains("REFUSED");
  }
}
