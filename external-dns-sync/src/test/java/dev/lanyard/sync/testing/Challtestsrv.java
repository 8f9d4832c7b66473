package dev.lanyard.sync.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** pebble-challtestsrv on free ports of 127.0.0.1 (management API and DNS only); killed on close. */
public final class Challtestsrv implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/pebble-challtestsrv");
  private final Process process;
  private final int management;
  private final int dns;

  private Challtestsrv(Process process, int management, int dns) {
    this.process = process;
    this.management = management;
    this.dns = dns;
  }

  public static Challtestsrv start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      fail("pebble-challtestsrv is missing: install pebble (./test.sh installs it)");
    }
    int management = freePort();
    int dns = freePort();
    Path log = Files.createTempFile("challtestsrv", ".log");
    Process p = new ProcessBuilder(BINARY.toString(), "-management", "127.0.0.1:" + management,
        "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Challtestsrv c = new Challtestsrv(p, management, dns);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail("pebble-challtestsrv exited: " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), management), 200);
        return c;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    c.close();
    fail("pebble-challtestsrv did not open its management port: " + Files.readString(log));
    return c;
  }

  public URI management() {
    return URI.create("http://127.0.0.1:" + management);
  }

  /** The TXT values challtestsrv's DNS serves at {@code name}. */
  public List<String> txt(String name) throws IOException {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), dns));
    r.setTimeout(Duration.ofSeconds(3));
    Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.IN)));
    return m.getSection(Section.ANSWER).stream().filter(TXTRecord.class::isInstance)
        .map(x -> String.join("", ((TXTRecord) x).getStrings())).sorted().toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
