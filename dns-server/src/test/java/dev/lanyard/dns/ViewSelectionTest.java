package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * Split horizon: the listener rule, then client CIDRs, then ECS from trusted forwarders, then the
 * default view; each view answers with its own records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewSelectionTest {
  @TempDir static Path dir;
  private DnsServer server;
  private InetSocketAddress loopback;
  private InetSocketAddress tailnetListener;

  static final String VIEWS = """
      dns:
        listen: ["127.0.0.1:0"]
      views:
        - name: lan
          clients: [10.0.0.0/8, "fd00::/8"]
          trustedForwarders: [127.0.0.1/32, 192.0.2.99/32]
        - name: tailnet
          listeners: ["127.0.0.2:0"]
          clients: [100.64.0.0/10]
        - name: public
          public: true
      """;

  @BeforeAll
  void start() throws Exception {
    server = new DnsServer(Fixtures.config(dir, VIEWS), new SimpleMeterRegistry(), Fixtures.CLOCK);
    Map<String, List<RecordSet>> views = new LinkedHashMap<>();
    views.put("lan", List.of(RecordSet.of("app.example.com", RecordType.A, 300, "10.0.0.5")));
    views.put("tailnet", List.of(RecordSet.of("app.example.com", RecordType.A, 300, "100.64.0.5")));
    views.put("public", List.of(RecordSet.of("app.example.com", RecordType.CNAME, 300, "edge.example.net")));
    server.update(Fixtures.state(1, true, views));
    server.start();
    loopback = server.boundAddresses().get(0);
    tailnetListener = server.boundAddresses().get(1);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private DigOutput dig(InetSocketAddress at, String... args) {
    List<String> cmd = Peers.command(Peers.require("dig", "dnsutils"), "@" + at.getAddress().getHostAddress(), "-p",
        String.valueOf(at.getPort()), "+norec", "+time=2", "+tries=1");
    cmd.addAll(List.of(args));
    return DigOutput.parse(Peers.run(10, cmd));
  }

  @Test
  void theListenerAQueryArrivesOnChoosesItsView() {
    assertThat(tailnetListener.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(dig(tailnetListener, "app.example.com", "A").reply().answer())
        .containsExactly("app.example.com. 300 IN A 100.64.0.5");
  }

  @Test
  void aClientInNoViewGetsTheDefaultView() {
    assertThat(dig(loopback, "app.example.com", "A").reply().answer())
        .containsExactly("app.example.com. 300 IN CNAME edge.example.net.");
  }

  @Test
  void ecsFromATrustedForwarderChoosesTheViewAndSetsTheScope() {
    DigOutput lan = dig(loopback, "+subnet=10.1.2.0/24", "app.example.com", "A");
    assertThat(lan.reply().answer()).containsExactly("app.example.com. 300 IN A 10.0.0.5");
    assertThat(String.join("\n", lan.edns())).contains("CLIENT-SUBNET: 10.1.2.0/24/8");
    DigOutput other = dig(loopback, "+subnet=192.168.1.0/24", "app.example.com", "A");
    assertThat(other.reply().answer()).containsExactly("app.example.com. 300 IN CNAME edge.example.net.");
    assertThat(String.join("\n", other.edns())).as("the first bit already rules out 10/8")
        .contains("CLIENT-SUBNET: 192.168.1.0/24/1");
  }

  @ParameterizedTest(name = "{0} with ECS {1} -> {2}")
  @CsvSource({
      "10.9.9.9, , 10.0.0.5, 0",
      "100.64.1.1, , 100.64.0.5, 0",
      "203.0.113.7, , edge.example.net., 0",
      "fd00::1, , 10.0.0.5, 0",
      "192.0.2.99, 10.20.0.0/16, 10.0.0.5, 8",
      "192.0.2.99, 11.0.0.0/16, edge.example.net., 8",
      "203.0.113.7, 10.20.0.0/16, edge.example.net., 0",
      "10.9.9.9, 203.0.113.0/24, 10.0.0.5, 0",
      "192.0.2.99, 100.64.0.0/16, edge.example.net., 2",
  })
  void rulesApplyInOrder(String from, String ecs, String expected, int scope) throws Exception {
    Message q = Probe.query("app.example.com", "A", true);
    if (ecs != null) {
      String[] p = ecs.split("/");
      q.removeAllRecords(Section.ADDITIONAL);
      q.addRecord(new OPTRecord(1232, 0, 0, 0,
          List.of(new ClientSubnetOption(Integer.parseInt(p[1]), InetAddress.getByName(p[0])))), Section.ADDITIONAL);
    }
    Message r = new Probe(server).ask(q, QueryHandler.UDP, 0, from);
    assertThat(r.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo(expected);
    if (ecs != null) {
      ClientSubnetOption echoed = (ClientSubnetOption) r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
      assertThat(echoed.getScopePrefixLength()).isEqualTo(scope);
      assertThat(echoed.getSourcePrefixLength()).isEqualTo(Integer.parseInt(ecs.split("/")[1]));
    }
  }

  @Test
  void withoutADefaultViewUnmatchedClientsAreRefused(@TempDir Path other) {
    String cfg = """
        dns:
          listen: ["127.0.0.1:0"]
        views:
          - name: lan
            clients: [10.0.0.0/8]
        """;
    try (DnsServer s = new DnsServer(Fixtures.config(other, cfg), new SimpleMeterRegistry(), Fixtures.CLOCK)) {
      s.update(Fixtures.state(1, true, Map.of("lan", Fixtures.records())));
      Probe p = new Probe(s);
      Message refused = p.ask(Probe.query("www.example.com", "A", false), QueryHandler.UDP, 0, "192.168.1.1");
      assertThat(Reply.of(refused).rcode()).isEqualTo("REFUSED");
      Message ok = p.ask(Probe.query("www.example.com", "A", false), QueryHandler.UDP, 0, "10.1.1.1");
      assertThat(Reply.of(ok).answer()).hasSize(2);
    }
  }
}
