package dev.lanyard.e2e.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A DNS forwarder on a free loopback port (UDP and TCP) that passes every query unchanged to one
 * upstream server and notes its question: put it between a client and Lanyard to count exactly the
 * queries that client made and Lanyard answered, independent of Lanyard's own bookkeeping.
 */
public final class DnsCountingProxy implements AutoCloseable {
  /** One forwarded question: lower-cased name without the trailing dot, type mnemonic, udp or tcp. */
  public record Query(String name, String type, String protocol) {}

  private final InetSocketAddress upstream;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private DnsCountingProxy(InetSocketAddress upstream, DatagramSocket udp, ServerSocket tcp) {
    this.upstream = upstream;
    this.udp = udp;
    this.tcp = tcp;
  }

  public static DnsCountingProxy start(int upstreamPort) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 50; attempt++) {
      DatagramSocket udp = null;
      try {
        udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
        DnsCountingProxy proxy = new DnsCountingProxy(new InetSocketAddress(loopback, upstreamPort), udp, tcp);
        proxy.workers.execute(proxy::serveUdp);
        proxy.workers.execute(proxy::serveTcp);
        return proxy;
      } catch (IOException taken) {
        if (udp != null) {
          udp.close();
        }
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP on 127.0.0.1");
  }

  public int port() {
    return udp.getLocalPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /** Queries for {@code name} (any case, with or without the trailing dot) of any type. */
  public long count(String name) {
    String n = normalize(name);
    return queries.stream().filter(q -> q.name().equals(n)).count();
  }

  public long count(String name, String type) {
    String n = normalize(name);
    return queries.stream().filter(q -> q.name().equals(n) && q.type().equals(type)).count();
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!closed) {
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(in);
      } catch (IOException e) {
        return;
      }
      byte[] query = java.util.Arrays.copyOf(in.getData(), in.getLength());
      InetSocketAddress client = (InetSocketAddress) in.getSocketAddress();
      workers.execute(() -> forwardUdp(query, client));
    }
  }

  private void forwardUdp(byte[] query, InetSocketAddress client) {
    note(query, "udp");
    try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      out.setSoTimeout(5000);
      out.send(new DatagramPacket(query, query.length, upstream));
      byte[] buf = new byte[65535];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      out.receive(answer);
      udp.send(new DatagramPacket(answer.getData(), answer.getLength(), client));
    } catch (IOException e) {
      // no answer upstream: the client times out, as it would without the proxy
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket client = tcp.accept();
        workers.execute(() -> forwardTcp(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forwardTcp(Socket client) {
    try (client; Socket server = new Socket()) {
      server.connect(upstream, 5000);
      server.setSoTimeout(10_000);
      client.setSoTimeout(10_000);
      DataInputStream fromClient = new DataInputStream(client.getInputStream());
      DataOutputStream toClient = new DataOutputStream(client.getOutputStream());
      DataInputStream fromServer = new DataInputStream(server.getInputStream());
      DataOutputStream toServer = new DataOutputStream(server.getOutputStream());
      while (true) {
        byte[] query = readFrame(fromClient);
        if (query == null) {
          return;
        }
        note(query, "tcp");
        writeFrame(toServer, query);
        byte[] answer = readFrame(fromServer);
        if (answer == null) {
          return;
        }
        writeFrame(toClient, answer);
      }
    } catch (IOException e) {
      // connection ended
    }
  }

  private static byte[] readFrame(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readUnsignedShort();
    } catch (java.io.EOFException | SocketException e) {
      return null;
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  private static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
    out.writeShort(frame.length);
    out.write(frame);
    out.flush();
  }

  private void note(byte[] query, String protocol) {
    try {
      Record question = new Message(query).getQuestion();
      if (question != null) {
        queries.add(new Query(normalize(question.getName().toString()), Type.string(question.getType()), protocol));
      }
    } catch (IOException e) {
      queries.add(new Query("(unparseable)", "?", protocol));
    }
  }

  private static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
    workers.shutdownNow();
  }
}
