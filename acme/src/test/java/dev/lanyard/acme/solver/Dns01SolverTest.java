package dev.lanyard.acme.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Publishing, checking and removing challenge records on a real DNS server (pebble-challtestsrv). */
class Dns01SolverTest {
  @TempDir
  static Path dir;

  static ChallTestSrv dns;

  @BeforeAll
  static void start() {
    dns = ChallTestSrv.start(dir, "challtestsrv");
  }

  @AfterAll
  static void stop() {
    if (dns != null) {
      dns.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "example.test, _acme-challenge.example.test",
      "*.example.test, _acme-challenge.example.test",
      "WWW.Example.Test., _acme-challenge.www.example.test",
  })
  void challengeNames(String domain, String name) {
    assertThat(Dns01Solver.challengeName(domain)).isEqualTo(name);
  }

  @Test
  void twoValuesAtOneNameCoexistAndOnlyOurOwnAreRemoved() throws Exception {
    dns.addTxt("_acme-challenge.both.test", "someone-elses");
    Dns01Solver solver = Dns01Solver.of(dns.publisher(), List.of(dns.dns()));

    try (Dns01Solver.Attempt attempt = solver.begin()) {
      assertThat(attempt.present("*.both.test", "wildcard-value")).isEqualTo("_acme-challenge.both.test");
      assertThat(attempt.present("both.test", "apex-value")).isEqualTo("_acme-challenge.both.test");
      attempt.awaitPropagation(Duration.ofSeconds(5));
      assertThat(dns.txt("_acme-challenge.both.test"))
          .containsExactlyInAnyOrder("someone-elses", "wildcard-value", "apex-value");
    }

    assertThat(dns.txt("_acme-challenge.both.test")).containsExactly("someone-elses");
  }

  @Test
  void publishesAtTheEndOfACnameDelegation() throws Exception {
    dns.setCname("_acme-challenge.cname.test", "_acme-challenge.cname.acme-zone.test");
    Dns01Solver solver = Dns01Solver.of(dns.publisher(), List.of(dns.dns()));

    try (Dns01Solver.Attempt attempt = solver.begin()) {
      assertThat(attempt.present("cname.test", "v")).isEqualTo("_acme-challenge.cname.acme-zone.test");
      attempt.awaitPropagation(Duration.ofSeconds(5));
      assertThat(dns.txt("_acme-challenge.cname.acme-zone.test")).containsExactly("v");
    }
    assertThat(dns.txt("_acme-challenge.cname.acme-zone.test")).isEmpty();
  }

  @Test
  void aPublisherThatFailsHalfWayStillGetsEverythingRemoved() throws Exception {
    TxtRecordPublisher flaky = new TxtRecordPublisher() {
      int adds;

      @Override
      public void add(String fqdn, String value) throws IOException {
        if (++adds == 2) {
          throw new IOException("provider said 500");
        }
        dns.addTxt(fqdn, value);
      }

      @Override
      public void remove(String fqdn, String value) throws IOException {
        dns.removeTxt(fqdn, value);
      }
    };
    Dns01Solver solver = Dns01Solver.of(flaky, List.of(dns.dns()));

    try (Dns01Solver.Attempt attempt = solver.begin()) {
      attempt.present("flaky.test", "first");
      assertThatThrownBy(() -> attempt.present("other.flaky.test", "second")).hasMessage("provider said 500");
    }

    assertThat(dns.txt("_acme-challenge.flaky.test")).isEmpty();
  }

  @Test
  void aRemovalFailureIsLoggedNotThrown() throws Exception {
    TxtRecordPublisher stuck = new TxtRecordPublisher() {
      @Override
      public void add(String fqdn, String value) throws IOException {
        dns.addTxt(fqdn, value);
      }

      @Override
      public void remove(String fqdn, String value) throws IOException {
        throw new IOException("provider down");
      }
    };
    Dns01Solver.Attempt attempt = Dns01Solver.of(stuck, List.of(dns.dns())).begin();
    attempt.present("stuck.test", "left-behind");
    Logger log = (Logger) LoggerFactory.getLogger(Dns01Solver.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    log.addAppender(captured);
    try {
      attempt.close();
    } finally {
      log.detachAppender(captured);
    }

    assertThat(dns.txt("_acme-challenge.stuck.test")).containsExactly("left-behind");
    assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("could not remove challenge TXT record at _acme-challenge.stuck.test: provider down; "
            + "remove it by hand if it stays");
    dns.removeTxt("_acme-challenge.stuck.test", "left-behind");
  }
}
