package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;

/** NOTIFY goes out on every serial change and is retried until the secondary answers. */
class NotifyTest {
  @TempDir Path dir;

  @Test
  void notifyIsSentOnChangeAndRetriedUntilAcknowledged() throws Exception {
    try (DatagramSocket secondary = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      secondary.setSoTimeout(8000);
      try (DnsServer s = new DnsServer(Fixtures.config(dir, """
          dns:
            listen: ["127.0.0.1:0"]
            transfer:
              notify: ["127.0.0.1:%d"]
          """.formatted(secondary.getLocalPort())), new SimpleMeterRegistry(), Fixtures.CLOCK)) {
        s.update(Fixtures.state(1, Fixtures.records()));
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          zones.add(receive(secondary, true).getQuestion().getName().toString());
        }
        assertThat(zones).as("both zones got a serial").containsExactlyInAnyOrder("example.com.", "example.org.");

        List<RecordSet> changed = new ArrayList<>(Fixtures.records());
        changed.add(RecordSet.of("new.example.com", RecordType.A, 300, "192.0.2.77"));
        s.update(Fixtures.state(2, changed));
        Message first = receive(secondary, false);
        long t0 = System.nanoTime();
        Message retry = receive(secondary, true);
        assertThat(first.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(first.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(retry.getQuestion().getName().toString()).as("only the changed zone").isEqualTo("example.com.");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("retried after about a second").isBetween(500L, 3000L);
        secondary.setSoTimeout(2500);
        assertThat(tryReceive(secondary)).as("acknowledged: no more retries").isNull();
      }
    }
  }

  private static Message receive(DatagramSocket socket, boolean acknowledge) throws Exception {
    byte[] buf = new byte[4096];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    Message m = new Message(Arrays.copyOf(buf, p.getLength()));
    if (acknowledge) {
      Message ack = new Message(m.getHeader().getID());
      ack.getHeader().setOpcode(Opcode.NOTIFY);
      ack.getHeader().setFlag(Flags.QR);
      ack.getHeader().setFlag(Flags.AA);
      ack.addRecord(m.getQuestion(), org.xbill.DNS.Section.QUESTION);
      byte[] w = ack.toWire();
      socket.send(new DatagramPacket(w, w.length, p.getSocketAddress()));
    }
    return m;
  }

  private static Message tryReceive(DatagramSocket socket) throws Exception {
    try {
      return receive(socket, false);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }
}
