package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;

/**
 * Jazzer drives the packet handler with arbitrary bytes, over UDP and TCP and from a trusted
 * forwarder: it never throws and never hangs, and whatever it sends is a DNS message carrying the
 * query's ID. In the normal test run this replays the seed corpus in
 * {@code PacketFuzzTestInputs/handlerAnswersOrStaysSilent}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PacketFuzzTest {
  private static final DnsServer SERVER = server();

  private static DnsServer server() {
    try {
      Path dir = Files.createTempDirectory("lanyard-fuzz");
      Files.writeString(dir.resolve("xfr.key"), ZoneTransferTest.SECRET);
      DnsServer s = new DnsServer(Fixtures.config(dir, """
          dns:
            listen: ["127.0.0.1:0"]
            rrl: {enabled: false}
            transfer:
              allow: [127.0.0.1/32]
              tsig:
                - {name: xfr-key, algorithm: hmac-sha256, secretFile: xfr.key}
          views:
            - name: lan
              clients: [10.0.0.0/8]
              trustedForwarders: [127.0.0.1/32]
            - name: public
          """), new SimpleMeterRegistry(), Fixtures.CLOCK);
      List<RecordSet> records = new ArrayList<>(Fixtures.records());
      records.add(Fixtures.bigTxt());
      s.update(Fixtures.state(1, true, java.util.Map.of("lan", records, "public", records)));
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void handlerAnswersOrStaysSilent(byte[] packet) {
    Probe probe = new Probe(SERVER);
    for (int protocol : new int[] {QueryHandler.UDP, QueryHandler.TCP}) {
      for (String from : new String[] {"127.0.0.1", "10.1.2.3"}) {
        List<byte[]> responses = probe.raw(packet, protocol, 0, from);
        for (byte[] r : responses) {
          assertThat(packet.length).as("only a message with a header gets an answer").isGreaterThanOrEqualTo(12);
          assertThat(r[0]).isEqualTo(packet[0]);
          assertThat(r[1]).isEqualTo(packet[1]);
          assertThat(r[2] & 0x80).as("QR set").isNotZero();
          try {
            new Message(r);
          } catch (IOException e) {
            throw new AssertionError("unparseable response to " + java.util.HexFormat.of().formatHex(packet), e);
          }
        }
      }
    }
  }
}
