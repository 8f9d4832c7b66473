package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * unbound as the LAN resolver with a forward-zone for the domains pointed at Lanyard. It sends
 * from 127.0.0.3, which the "lan" view claims, so its clients get the LAN answers, including
 * NXDOMAIN and NODATA, while a client asking Lanyard directly from 127.0.0.1 gets the public view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnboundResolverTest {
  @TempDir static Path dir;
  private DnsServer server;
  private Process unbound;
  private int unboundPort;
  private int lanyardPort;

  @BeforeAll
  void start() throws Exception {
    String unboundBin = Peers.require("unbound", "unbound");
    server = new DnsServer(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
        views:
          - name: lan
            clients: [127.0.0.3/32]
          - name: public
            public: true
        """), new SimpleMeterRegistry(), Fixtures.CLOCK);
    Map<String, List<RecordSet>> views = new LinkedHashMap<>();
    List<RecordSet> lan = new ArrayList<>(Fixtures.records());
    lan.add(RecordSet.of("app.example.com", RecordType.A, 300, "10.0.0.5"));
    views.put("lan", lan);
    views.put("public", List.of(RecordSet.of("app.example.com", RecordType.A, 300, "203.0.113.5")));
    server.update(Fixtures.state(1, true, views));
    server.start();
    lanyardPort = server.boundAddresses().get(0).getPort();
    unboundPort = Peers.freePort("127.0.0.1");
    Path conf = dir.resolve("unbound.conf");
    Map<String, Integer> zones = new LinkedHashMap<>();
    zones.put("example.com", lanyardPort);
    zones.put("example.org", lanyardPort);
    Files.writeString(conf, UnboundConf.render(dir.toString(), unboundPort, "127.0.0.3", zones));
    unbound = new ProcessBuilder(unboundBin, "-d", "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("unbound.log").toFile()).start();
    await("unbound answers").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .until(() -> viaUnbound("example.com", "SOA").reply().rcode().equals("NOERROR"));
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (unbound != null) {
      unbound.destroy();
      if (!unbound.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        unbound.destroyForcibly();
      }
    }
    if (server != null) {
      server.close();
    }
  }

  private DigOutput viaUnbound(String name, String type) {
    return DigOutput.parse(Peers.run(10, Peers.command(Peers.require("dig", "dnsutils"), "@127.0.0.1", "-p",
        String.valueOf(unboundPort), "+time=2", "+tries=2", name, type)));
  }

  private DigOutput direct(String name, String type) {
    return DigOutput.parse(Peers.run(10, Peers.command(Peers.require("dig", "dnsutils"), "@127.0.0.1", "-p",
        String.valueOf(lanyardPort), "+norec", "+time=2", "+tries=1", name, type)));
  }

  @Test
  void clientsOfTheResolverGetTheViewOfTheResolversAddress() {
    assertThat(viaUnbound("app.example.com", "A").reply().answer()).singleElement()
        .satisfies(l -> assertThat(l).endsWith("IN A 10.0.0.5"));
    assertThat(direct("app.example.com", "A").reply().answer()).containsExactly("app.example.com. 300 IN A 203.0.113.5");
  }

  @Test
  void positiveAnswersWildcardsAndChainsPassThrough() {
    assertThat(viaUnbound("www.example.com", "A").reply().answer()).hasSize(2);
    assertThat(viaUnbound("x.apps.example.com", "A").reply().answer()).singleElement()
        .satisfies(l -> assertThat(l).startsWith("x.apps.example.com.").endsWith("IN A 192.0.2.20"));
    List<String> chain = viaUnbound("chain.example.com", "A").reply().answer();
    assertThat(chain).hasSize(4);
    assertThat(chain.get(0)).contains("CNAME alias.example.com.");
    assertThat(viaUnbound("cross.example.com", "A").reply().answer()).last().asString().endsWith("A 198.51.100.1");
  }

  @Test
  void nxdomainAndNodataReachTheClientAndAreCached() {
    for (int i = 0; i < 2; i++) {
      Reply nx = viaUnbound("nope.example.com", "A").reply();
      assertThat(nx.rcode()).isEqualTo("NXDOMAIN");
      assertThat(nx.authority()).singleElement().satisfies(l -> assertThat(l).startsWith("example.com.")
          .contains("IN SOA ns1.example.com. hostmaster.example.com. " + Fixtures.SERIAL));
      Reply nodata = viaUnbound("www.example.com", "MX").reply();
      assertThat(nodata.rcode()).isEqualTo("NOERROR");
      assertThat(nodata.answer()).isEmpty();
      assertThat(nodata.authority()).singleElement().satisfies(l -> assertThat(l).contains("IN SOA"));
      Reply ent = viaUnbound("ent.example.com", "A").reply();
      assertThat(ent.rcode()).as("an empty non-terminal is NODATA, not NXDOMAIN").isEqualTo("NOERROR");
      Reply wildcardParent = viaUnbound("apps.example.com", "A").reply();
      assertThat(wildcardParent.rcode()).isEqualTo("NOERROR");
      assertThat(wildcardParent.answer()).isEmpty();
    }
  }
}
