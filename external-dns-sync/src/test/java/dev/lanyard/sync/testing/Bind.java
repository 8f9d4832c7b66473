package dev.lanyard.sync.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.lanyard.core.config.TsigKeyConfig;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * A real BIND 9 primary for tests, on a free port of 127.0.0.1 in a temp dir, with zones that allow
 * UPDATE and AXFR only with a generated TSIG key. Killed on close.
 */
public final class Bind implements AutoCloseable {
  public static final String KEY_NAME = "lanyard-key";
  private static final Path NAMED = Path.of("/usr/sbin/named");

  private final Path dir;
  private final int port;
  private final Process process;
  private final TsigKeyConfig key;

  private Bind(Path dir, int port, Process process, TsigKeyConfig key) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.key = key;
  }

  /** Starts named with each zone empty but for its SOA and NS. */
  public static Bind start(String... zones) throws IOException, InterruptedException {
    if (!Files.isExecutable(NAMED)) {
      fail("BIND 9 is missing (" + NAMED + "): install bind9 (./test.sh installs it)");
    }
    Path dir = Files.createTempDirectory("lanyard-bind");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String b64 = Base64.getEncoder().encodeToString(secret);
    Path secretFile = Files.writeString(dir.resolve("tsig.secret"), b64 + "\n");
    int port = freePort();
    StringBuilder conf = new StringBuilder();
    conf.append("options {\n")
        .append("  directory \"").append(dir).append("\";\n")
        .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
        .append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
        .append("  managed-keys-directory \"").append(dir).append("\";\n")
        .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
        .append("  listen-on-v6 { none; };\n")
        .append("  recursion no;\n  dnssec-validation no;\n  notify no;\n  allow-query { any; };\n")
        .append("};\ncontrols { };\n")
        .append("key \"").append(KEY_NAME).append("\" { algorithm hmac-sha256; secret \"").append(b64).append("\"; };\n");
    for (String z : zones) {
      Path file = dir.resolve(z + ".zone");
      Files.writeString(file, "$TTL 300\n@ IN SOA ns1." + z + ". hostmaster." + z + ". 1 3600 600 86400 60\n"
          + "@ IN NS ns1." + z + ".\nns1 IN A 127.0.0.1\n");
      conf.append("zone \"").append(z).append("\" { type primary; file \"").append(file).append("\";")
          .append(" allow-update { key \"").append(KEY_NAME).append("\"; };")
          .append(" allow-transfer { key \"").append(KEY_NAME).append("\"; }; };\n");
    }
    Path confFile = Files.writeString(dir.resolve("named.conf"), conf.toString());
    Process p = new ProcessBuilder(NAMED.toString(), "-g", "-n", "1", "-c", confFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("named.log").toFile())
        .start();
    Bind bind = new Bind(dir, port, p, new TsigKeyConfig(KEY_NAME, "hmac-sha256", secretFile));
    bind.awaitReady(zones[0]);
    return bind;
  }

  public HostPort server() {
    return new HostPort("127.0.0.1", port);
  }

  public TsigKeyConfig key() {
    return key;
  }

  /** The records of {@code name} and {@code type} as the server answers them (no TSIG). */
  public List<Record> query(String name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    r.setTimeout(Duration.ofSeconds(3));
    Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    return m.getRcode() == Rcode.NOERROR ? m.getSection(Section.ANSWER) : List.of();
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("named.log"));
  }

  private void awaitReady(String zone) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("named exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        if (!query(zone, org.xbill.DNS.Type.SOA).isEmpty()) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(50);
    }
    close();
    fail("named did not answer on port " + port + " within 15 s:\n" + log());
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
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
      for (Path f : all) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // temp dir: left for the OS
    }
  }
}
