package dev.lanyard.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.peers.Bind;
import dev.lanyard.acme.solver.PropagationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Propagation checks and CNAME following against a real authoritative server (BIND 9): the
 * zone is found from the SOA, its NS host is resolved and asked directly.
 */
class AuthoritativeDnsBindTest {
  @TempDir
  static Path dir;

  static Bind bind;

  @BeforeAll
  static void startBind() throws IOException {
    bind = Bind.start(dir, Map.of(
        "example.test", """
            $TTL 60
            @ IN SOA ns1.example.test. hostmaster.example.test. 1 60 60 600 60
            @ IN NS ns1.example.test.
            @ IN NS ns2.example.test.
            ns1 IN A 127.0.0.1
            ns2 IN A 127.0.0.1
            _acme-challenge IN TXT "value-one"
            _acme-challenge IN TXT "value-two"
            _acme-challenge.www IN CNAME _acme-challenge.www.delegated.test.
            _acme-challenge.loop IN CNAME _acme-challenge.loop2.example.test.
            _acme-challenge.loop2 IN CNAME _acme-challenge.loop.example.test.
            """,
        "delegated.test", """
            $TTL 60
            @ IN SOA ns1.delegated.test. hostmaster.delegated.test. 1 60 60 600 60
            @ IN NS ns1.delegated.test.
            ns1 IN A 127.0.0.1
            _acme-challenge.www IN TXT "delegated-value"
            """));
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  private static AuthoritativeDns discovering() {
    return AuthoritativeDns.discovering(new InetSocketAddress("127.0.0.1", bind.port()), bind.port());
  }

  @Test
  void findsTheZonesNameserversAndSeesBothValuesAtOneName() throws Exception {
    ZoneNameservers zones = new ZoneNameservers(
        new org.xbill.DNS.SimpleResolver(new InetSocketAddress("127.0.0.1", bind.port())), "bind", bind.port());

    assertThat(zones.zoneOf("_acme-challenge.deep.below.example.test")).isEqualTo("example.test");
    assertThat(zones.of("_acme-challenge.example.test")).extracting(Nameserver::name)
        .containsExactlyInAnyOrder("ns1.example.test", "ns2.example.test");
    discovering().awaitPropagation(Map.of("_acme-challenge.example.test", Set.of("value-one", "value-two")),
        Duration.ofSeconds(5));
  }

  @Test
  void namesEveryNameserverThatLacksAValueWhenTimeRunsOut() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> discovering().awaitPropagation(
        Map.of("_acme-challenge.example.test", Set.of("value-one", "missing")), Duration.ofMillis(700)))
        .isInstanceOf(PropagationException.class)
        .hasMessageContaining("after 0s")
        .hasMessageContaining("_acme-challenge.example.test at ns1.example.test (127.0.0.1:" + bind.port() + ")")
        .hasMessageContaining("_acme-challenge.example.test at ns2.example.test (127.0.0.1:" + bind.port() + ")")
        .hasMessageContaining("has \"value-one\", \"value-two\" but not all of the expected values");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aNameOutsideEveryZoneIsReportedNotWaitedOnSilently() {
    assertThatThrownBy(() -> discovering().awaitPropagation(Map.of("_acme-challenge.nowhere.invalid", Set.of("v")),
        Duration.ofMillis(300)))
        .isInstanceOf(PropagationException.class)
        .hasMessageContaining("_acme-challenge.nowhere.invalid: no zone (SOA) found");
  }

  @Test
  void followsACnameIntoAnotherZoneAndChecksThatZonesServers() throws Exception {
    AuthoritativeDns dns = discovering();

    assertThat(dns.publishName("_acme-challenge.www.example.test")).isEqualTo("_acme-challenge.www.delegated.test");
    assertThat(dns.publishName("_acme-challenge.example.test")).isEqualTo("_acme-challenge.example.test");
    dns.awaitPropagation(Map.of("_acme-challenge.www.delegated.test", Set.of("delegated-value")), Duration.ofSeconds(5));
  }

  @Test
  void aConfiguredNameserverThatServesNoZoneForTheNameSaysSo() {
    assertThatThrownBy(() -> AuthoritativeDns.of(List.of(bind.address())).publishName("_acme-challenge.www.elsewhere.test"))
        .isInstanceOf(IOException.class)
        .hasMessage("CNAME _acme-challenge.www.elsewhere.test at " + bind.address()
            + ": REFUSED (that server serves no zone containing _acme-challenge.www.elsewhere.test)");
  }

  @Test
  void aCnameLoopIsAnError() {
    assertThatThrownBy(() -> discovering().publishName("_acme-challenge.loop.example.test"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CNAME loop at _acme-challenge.loop.example.test");
  }

  @Test
  void configuredNameserversAreAskedDirectly() throws Exception {
    AuthoritativeDns dns = AuthoritativeDns.of(List.of(bind.address()));

    assertThat(dns.publishName("_acme-challenge.www.example.test")).isEqualTo("_acme-challenge.www.delegated.test");
    dns.awaitPropagation(Map.of("_acme-challenge.example.test", Set.of("value-two")), Duration.ofSeconds(5));
    assertThatThrownBy(() -> dns.awaitPropagation(Map.of("_acme-challenge.example.test", Set.of("absent")),
        Duration.ofMillis(300)))
        .hasMessageContaining("_acme-challenge.example.test at " + bind.address() + ": has ");
  }
}
