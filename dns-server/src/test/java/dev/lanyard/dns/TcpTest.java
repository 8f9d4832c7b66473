package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/** RFC 7766 behaviour: pipelining, idle timeout, and the connection cap. */
class TcpTest {
  @TempDir Path dir;

  private DnsServer start(String tcp) throws IOException {
    DnsServer s = new DnsServer(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
          tcp: %s
        """.formatted(tcp)), new SimpleMeterRegistry(), Fixtures.CLOCK);
    s.update(Fixtures.state(1, Fixtures.records()));
    s.start();
    return s;
  }

  private static Socket connect(InetSocketAddress at) throws IOException {
    Socket s = new Socket();
    s.connect(at, 2000);
    s.setSoTimeout(5000);
    return s;
  }

  @Test
  void pipelinedQueriesAreAllAnsweredOnOneConnection() throws Exception {
    try (DnsServer server = start("{maxConnections: 10, idleTimeout: 5s}");
        Socket s = connect(server.boundAddresses().get(0))) {
      String[] names = {"www.example.com", "nope.example.com", "alias.example.com", "x.apps.example.com"};
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      List<Integer> ids = new ArrayList<>();
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (String n : names) {
        Message q = Probe.query(n, "A", true);
        ids.add(q.getHeader().getID());
        byte[] w = q.toWire();
        all.write(w.length >>> 8);
        all.write(w.length);
        all.write(w);
      }
      out.write(all.toByteArray());
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < names.length; i++) {
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        Message m = new Message(r);
        assertThat(m.getHeader().getID()).isEqualTo(ids.get(i));
        assertThat(m.getQuestion().getName().toString()).isEqualTo(names[i] + ".");
      }
    }
  }

  @Test
  void idleConnectionsAreClosedAfterTheTimeout() throws Exception {
    try (DnsServer server = start("{maxConnections: 10, idleTimeout: 300ms}");
        Socket s = connect(server.boundAddresses().get(0))) {
      long start = System.nanoTime();
      InputStream in = s.getInputStream();
      assertThat(in.read()).as("server closes the idle connection").isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 4000L);
    }
  }

  @Test
  void aClientTricklingBytesIsClosedWhenItsQueryHasNotArrivedWithinTheTimeout() throws Exception {
    try (DnsServer server = start("{maxConnections: 10, idleTimeout: 400ms}");
        Socket s = connect(server.boundAddresses().get(0))) {
      byte[] w = Probe.query("www.example.com", "A", false).toWire();
      byte[] framed = new byte[w.length + 2];
      framed[0] = (byte) (w.length >>> 8);
      framed[1] = (byte) w.length;
      System.arraycopy(w, 0, framed, 2, w.length);
      OutputStream out = s.getOutputStream();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < framed.length - 1 && System.nanoTime() - start < 3_000_000_000L; i++) {
          out.write(framed[i]); // one byte every 100 ms: each read is quick, the message never completes in time
          out.flush();
          Thread.sleep(100);
        }
      } catch (java.net.SocketException closedByServer) {
        // the server closed the connection while we were still trickling
      }
      assertThat(s.getInputStream().read()).as("server closed the trickling connection").isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1_000_000).as("closed near the 400 ms allowance, not reset by each byte")
          .isLessThan(2500L);
    }
  }

  @Test
  void connectionsOverTheCapAreClosedAtOnce() throws Exception {
    try (DnsServer server = start("{maxConnections: 2, idleTimeout: 10s}")) {
      InetSocketAddress at = server.boundAddresses().get(0);
      try (Socket a = connect(at); Socket b = connect(at)) {
        ask(a);
        ask(b);
        try (Socket c = connect(at)) {
          assertThat(c.getInputStream().read()).as("third connection is closed").isEqualTo(-1);
        }
        ask(a);
      }
    }
  }

  private static void ask(Socket s) throws IOException {
    byte[] w = Probe.query("www.example.com", "A", false).toWire();
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(w.length);
    out.write(w);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] r = new byte[in.readUnsignedShort()];
    in.readFully(r);
    assertThat(new Message(r).getSection(Section.ANSWER)).hasSize(2);
  }
}
