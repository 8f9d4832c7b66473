package dev.lanyard.dns.bench;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.dns.DnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The Lanyard side of {@code bench/dns.sh} (a benchmark, not a test). Commands:
 *
 * <pre>
 * files DIR                 write example.com.zone (BIND/Knot) and queries.txt (dnsperf) for the standard zone
 * serve PORT [NAMES]        serve the standard zone (or NAMES extra A names) on 127.0.0.1:PORT until killed
 * change-latency [NAMES] [N] time N changes from update() to the new answer on the wire
 * </pre>
 *
 * The standard zone: 1,000 A, 200 AAAA and 100 CNAME names in example.com. The query mix adds 200
 * NXDOMAIN and 200 NODATA questions.
 */
public final class DnsBench {
  private DnsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: DnsBench files DIR | serve PORT [NAMES] | change-latency [NAMES] [N]");
      System.exit(2);
    }
    switch (args[0]) {
      case "files" -> files(Path.of(args[1]));
      case "serve" -> serve(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
      case "change-latency" -> changeLatency(args.length > 1 ? Integer.parseInt(args[1]) : 0,
          args.length > 2 ? Integer.parseInt(args[2]) : 100);
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  static List<RecordSet> standardZone() {
    List<RecordSet> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      out.add(RecordSet.of("host-" + i + ".example.com", RecordType.A, 300, "10.0." + i / 250 + "." + (i % 250 + 1)));
    }
    for (int i = 0; i < 200; i++) {
      out.add(RecordSet.of("v6-" + i + ".example.com", RecordType.AAAA, 300, "fd00::" + Integer.toHexString(i + 1)));
    }
    for (int i = 0; i < 100; i++) {
      out.add(RecordSet.of("alias-" + i + ".example.com", RecordType.CNAME, 300, "host-" + i + ".example.com"));
    }
    return out;
  }

  /** {@code n} A names spread over 100 sub-domains, for the memory benchmark. */
  static List<RecordSet> manyNames(int n) {
    List<RecordSet> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(RecordSet.of("n" + i + ".d" + i % 100 + ".example.com", RecordType.A, 300,
          "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
    }
    return out;
  }

  static List<String> queries() {
    List<String> q = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      q.add("host-" + i + ".example.com A");
    }
    for (int i = 0; i < 200; i++) {
      q.add("v6-" + i + ".example.com AAAA");
    }
    for (int i = 0; i < 100; i++) {
      q.add("alias-" + i + ".example.com A");
    }
    for (int i = 0; i < 200; i++) {
      q.add("missing-" + i + ".example.com A");
    }
    for (int i = 0; i < 200; i++) {
      q.add("host-" + i + ".example.com MX");
    }
    Collections.shuffle(q, new Random(42));
    return q;
  }

  static void files(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> zone = new ArrayList<>();
    zone.add("$ORIGIN example.com.");
    zone.add("$TTL 300");
    zone.add("@ 300 IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 604800 60");
    zone.add("@ 300 IN NS ns1.example.com.");
    zone.add("ns1 300 IN A 127.0.0.1");
    for (RecordSet rs : standardZone()) {
      for (String v : rs.values()) {
        String value = rs.type() == RecordType.CNAME ? v + "." : v;
        zone.add(rs.name() + ". " + rs.ttl() + " IN " + rs.type() + " " + value);
      }
    }
    Files.write(dir.resolve("example.com.zone"), zone);
    Files.write(dir.resolve("queries.txt"), queries());
  }

  static LanyardConfig config(int port) throws IOException, ConfigException {
    Path tmp = Files.createTempDirectory("lanyard-bench");
    String yaml = """
        zones:
          - name: example.com
            ttl: 300
            nameservers:
              - name: ns1.example.com
                addresses: [127.0.0.1]
        sources:
          kubernetes: {enabled: true}
        dns:
          listen: ["127.0.0.1:%d"]
        """.formatted(port);
    return ConfigLoader.parse(yaml, tmp.resolve("bench.yaml"), tmp);
  }

  static DesiredState state(long generation, List<RecordSet> records) {
    return new DesiredState(generation, Instant.now(), List.of(new ViewRecords("default", false, records)), List.of(),
        List.of(), List.of(new SourceStatus("bench", true, List.of(), Optional.empty())));
  }

  static void serve(int port, int names) throws Exception {
    DnsServer server = new DnsServer(config(port), new SimpleMeterRegistry());
    List<RecordSet> records = names > 0 ? manyNames(names) : standardZone();
    long t0 = System.nanoTime();
    server.update(state(1, records));
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    server.start();
    System.gc();
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf("READY port=%d names=%d build_ms=%d heap_used_mb=%.1f heap_max_mb=%.1f%n",
        server.boundAddresses().get(0).getPort(), records.size(), buildMs, used / 1048576.0, max / 1048576.0);
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  /**
   * Changes one record {@code n} times; each time measures from the update() call to the moment a
   * UDP client receives the new address from the server.
   */
  static void changeLatency(int names, int n) throws Exception {
    List<RecordSet> base = names > 0 ? manyNames(names) : standardZone();
    try (DnsServer server = new DnsServer(config(0), new SimpleMeterRegistry());
        DatagramSocket client = new DatagramSocket()) {
      server.start();
      server.update(state(0, withProbe(base, 0)));
      InetSocketAddress at = server.boundAddresses().get(0);
      client.setSoTimeout(1000);
      long[] micros = new long[n];
      for (int i = 1; i <= n + 5; i++) {
        String expected = "10.255." + (i >> 8 & 255) + "." + (i & 255);
        long t0 = System.nanoTime();
        server.update(state(i, withProbe(base, i)));
        while (!expected.equals(ask(client, at))) {
          Thread.onSpinWait();
        }
        long us = (System.nanoTime() - t0) / 1000;
        if (i > 5) {
          micros[i - 6] = us;
        }
      }
      Arrays.sort(micros);
      System.out.printf("CHANGE names=%d changes=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", base.size() + 1, n,
          micros[n / 2] / 1000.0, micros[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1000.0,
          micros[n - 1] / 1000.0);
    }
  }

  private static List<RecordSet> withProbe(List<RecordSet> base, int i) {
    List<RecordSet> out = new ArrayList<>(base);
    out.add(RecordSet.of("probe.example.com", RecordType.A, 300, "10.255." + (i >> 8 & 255) + "." + (i & 255)));
    return out;
  }

  private static String ask(DatagramSocket client, InetSocketAddress at) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("probe.example.com."), Type.A, DClass.IN));
    byte[] w = q.toWire();
    client.send(new DatagramPacket(w, w.length, at));
    byte[] buf = new byte[512];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    client.receive(p);
    Message r = new Message(Arrays.copyOf(buf, p.getLength()));
    List<Record> answer = r.getSection(Section.ANSWER);
    return answer.isEmpty() ? "" : ((ARecord) answer.get(0)).getAddress().getHostAddress();
  }
}
