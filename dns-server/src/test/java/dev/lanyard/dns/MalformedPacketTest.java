package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Bad and unusual packets: silence without a usable header or for responses, FORMERR with the ID
 * when the header parses, NOTIMP/REFUSED for opcodes and classes the server does not serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedPacketTest {
  @TempDir static Path dir;
  private DnsServer server;

  @BeforeAll
  void start() {
    server = new DnsServer(Fixtures.config(dir), new SimpleMeterRegistry(), Fixtures.CLOCK);
    server.update(Fixtures.state(1, Fixtures.records()));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A packet: 12-byte header with the given words, then raw bytes. */
  static byte[] packet(int flags, int qd, int an, int ns, int ar, byte[] rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int w : new int[] {0xbeef, flags, qd, an, ns, ar}) {
      out.write(w >>> 8);
      out.write(w);
    }
    out.writeBytes(rest);
    return out.toByteArray();
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  /** www.example.com A IN */
  static final String WWW_A = "03777777 076578616d706c65 03636f6d 00 0001 0001";

  Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("empty", new byte[0], null),
        Arguments.of("shorter than a header", hex("beef0100"), null),
        Arguments.of("a response", packet(0x8000, 1, 0, 0, 0, hex(WWW_A)), null),
        Arguments.of("header only, question missing", packet(0, 1, 0, 0, 0, new byte[0]), Rcode.FORMERR),
        Arguments.of("label runs past the end", packet(0, 1, 0, 0, 0, hex("0a6162")), Rcode.FORMERR),
        Arguments.of("compression pointer in the question", packet(0, 1, 0, 0, 0, hex("c00c00010001")),
            Rcode.FORMERR),
        Arguments.of("trailing garbage", packet(0, 1, 0, 0, 0, hex(WWW_A + "ffff")), Rcode.FORMERR),
        Arguments.of("two questions", packet(0, 2, 0, 0, 0, hex(WWW_A + WWW_A)), Rcode.FORMERR),
        Arguments.of("no question", packet(0, 0, 0, 0, 0, new byte[0]), Rcode.FORMERR),
        Arguments.of("answer records in a query", packet(0, 1, 1, 0, 0, hex(WWW_A + "c00c000100010000003c0004c0000201")),
            Rcode.FORMERR),
        Arguments.of("OPT record cut short", packet(0, 1, 0, 0, 1, hex(WWW_A + "0000290200")), Rcode.FORMERR),
        Arguments.of("ECS with a wrong address length",
            packet(0, 1, 0, 0, 1, hex(WWW_A + "00 0029 04d0 00000000 000a 0008 0006 0001 1800 0a01")), Rcode.FORMERR),
        Arguments.of("ECS with bits past the prefix",
            packet(0, 1, 0, 0, 1, hex(WWW_A + "00 0029 04d0 00000000 000b 0008 0007 0001 1700 0a0101")), Rcode.FORMERR),
        Arguments.of("qtype OPT", packet(0, 1, 0, 0, 0, hex("03777777076578616d706c6503636f6d0000290001")),
            Rcode.FORMERR),
        Arguments.of("opcode UPDATE", packet(5 << 11, 1, 0, 0, 0, hex("076578616d706c6503636f6d0000060001")),
            Rcode.NOTIMP),
        Arguments.of("opcode STATUS", packet(2 << 11, 0, 0, 0, 0, new byte[0]), Rcode.NOTIMP),
        Arguments.of("opcode NOTIFY", packet(4 << 11 | 0x0400, 1, 0, 0, 0, hex("076578616d706c6503636f6d0000060001")),
            Rcode.REFUSED),
        Arguments.of("class CHAOS", packet(0, 1, 0, 0, 0, hex("03777777076578616d706c6503636f6d0000010003")),
            Rcode.REFUSED),
        Arguments.of("class NONE", packet(0, 1, 0, 0, 0, hex("03777777076578616d706c6503636f6d00000100fe")),
            Rcode.REFUSED),
        Arguments.of("class ANY", packet(0, 1, 0, 0, 0, hex("03777777076578616d706c6503636f6d00000100ff")),
            Rcode.NOTIMP),
        Arguments.of("obsolete MAILA", packet(0, 1, 0, 0, 0, hex("03777777076578616d706c6503636f6d0000fe0001")),
            Rcode.NOTIMP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAsExpected(String what, byte[] packet, Integer rcode) throws Exception {
    for (int protocol : new int[] {QueryHandler.UDP, QueryHandler.TCP}) {
      List<byte[]> out = new Probe(server).raw(packet, protocol, 0, "127.0.0.1");
      if (rcode == null) {
        assertThat(out).as(what + ": silence").isEmpty();
        continue;
      }
      assertThat(out).as(what).hasSize(1);
      Message m = new Message(out.get(0));
      assertThat(m.getHeader().getID()).isEqualTo(0xbeef);
      assertThat(Rcode.string(m.getRcode())).as(what).isEqualTo(Rcode.string(rcode));
    }
  }
}
