package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;

/**
 * The answer logic, table-driven and in-process: every row through the template fast path and
 * through the dnsjava slow path, which must agree with the table and so with each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerTableTest {
  @TempDir static Path dir;
  private DnsServer synced;
  private DnsServer unsynced;

  @BeforeAll
  void setUp() {
    synced = new DnsServer(Fixtures.config(dir), new SimpleMeterRegistry(), Fixtures.CLOCK);
    synced.update(Fixtures.state(1, Fixtures.records()));
    unsynced = new DnsServer(Fixtures.config(dir), new SimpleMeterRegistry(), Fixtures.CLOCK);
  }

  @AfterAll
  void tearDown() {
    synced.close();
    unsynced.close();
  }

  Stream<Expected> syncedRows() {
    return Expected.synced().stream();
  }

  Stream<Expected> unsyncedRows() {
    return Expected.unsynced().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syncedRows")
  void fastPathAnswersLikeTheTable(Expected row) {
    row.check(Reply.of(ask(synced, row, false)), Fixtures.SERIAL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syncedRows")
  void slowPathAnswersLikeTheTable(Expected row) {
    row.check(Reply.of(ask(synced, row, true)), Fixtures.SERIAL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsyncedRows")
  void beforeSyncOnlyConfigDataAnswers(Expected row) {
    row.check(Reply.of(ask(unsynced, row, false)), 0);
    row.check(Reply.of(ask(unsynced, row, true)), 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syncedRows")
  void withEdnsTheSameSectionsAndAnOptRecord(Expected row) {
    Message q = Probe.query(row.name(), row.type(), true);
    Message r = new Probe(synced).ask(q, QueryHandler.UDP, 0, "127.0.0.1");
    row.check(Reply.of(r), Fixtures.SERIAL);
    assertThat(r.getOPT()).isNotNull();
    assertThat(r.getOPT().getPayloadSize()).isEqualTo(1232);
  }

  /**
   * A query with an extra record in the additional section is valid but not what the fast path
   * reads, so it takes the slow path.
   */
  private static Message ask(DnsServer server, Expected row, boolean slow) {
    Message q = Probe.query(row.name(), row.type(), false);
    if (slow) {
      try {
        q.addRecord(new ARecord(Name.fromString("extra."), DClass.IN, 0, InetAddress.getByName("192.0.2.99")),
            Section.ADDITIONAL);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new Probe(server).ask(q, QueryHandler.UDP, 0, "127.0.0.1");
  }

}
