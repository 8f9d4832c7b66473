package dev.lanyard.acme.peers;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Pebble's companion DNS server ({@code pebble-challtestsrv}, Debian package pebble) on free
 * ports, with a {@link TxtRecordPublisher} on its management API: {@code /set-txt} appends a value,
 * {@code /clear-txt} drops all values at a name, so removing one value clears and re-adds the rest.
 */
public final class ChallTestSrv implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern QTYPE = Pattern.compile("\"Qtype\"\\s*:\\s*(\\d+)");

  private final ChildProcess process;
  private final int dnsPort;
  private final int managementPort;
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private ChallTestSrv(ChildProcess process, int dnsPort, int managementPort) {
    this.process = process;
    this.dnsPort = dnsPort;
    this.managementPort = managementPort;
  }

  public static ChallTestSrv start(Path dir, String label) {
    ChildProcess.requireBinary("pebble-challtestsrv", "pebble");
    int dns = FreePorts.udpAndTcp();
    int mgmt = FreePorts.tcp();
    ChildProcess p = ChildProcess.start(label, dir, Map.of(), List.of("pebble-challtestsrv",
        "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "",
        "-management", "127.0.0.1:" + mgmt, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""));
    ChallTestSrv srv = new ChallTestSrv(p, dns, mgmt);
    try {
      srv.awaitListening();
      return srv;
    } catch (RuntimeException | AssertionError e) {
      p.close();
      throw e;
    }
  }

  private void awaitListening() {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      if (accepts(managementPort) && accepts(dnsPort)) {
        return;
      }
      process.awaitLog("Starting", Duration.ofSeconds(10));
      ChildProcess.sleep(20);
    }
    throw new AssertionError("pebble-challtestsrv did not listen:\n" + process.log());
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public HostPort dns() {
    return new HostPort("127.0.0.1", dnsPort);
  }

  /** The management API ({@code /set-txt}, {@code /clear-txt}), e.g. for a Cloudflare fake that mirrors its TXT records here. */
  public URI management() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  public TxtRecordPublisher publisher() {
    return new TxtRecordPublisher() {
      @Override
      public void add(String fqdn, String value) throws IOException {
        addTxt(fqdn, value);
      }

      @Override
      public void remove(String fqdn, String value) throws IOException {
        removeTxt(fqdn, value);
      }
    };
  }

  public synchronized void addTxt(String fqdn, String value) throws IOException {
    String name = Hostnames.normalize(fqdn);
    post("/set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + value + "\"}");
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  public synchronized void removeTxt(String fqdn, String value) throws IOException {
    String name = Hostnames.normalize(fqdn);
    List<String> here = values.getOrDefault(name, new ArrayList<>());
    if (!here.remove(value)) {
      return;
    }
    post("/clear-txt", "{\"host\":\"" + name + ".\"}");
    for (String v : here) {
      post("/set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + v + "\"}");
    }
  }

  public void setCname(String from, String to) throws IOException {
    post("/set-cname", "{\"host\":\"" + Hostnames.normalize(from) + ".\",\"target\":\"" + Hostnames.normalize(to) + ".\"}");
  }

  /** The TXT values at {@code name}, asked over real DNS. */
  public List<String> txt(String name) throws IOException {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
    r.setTimeout(Duration.ofSeconds(2));
    Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(Hostnames.normalize(name) + "."), Type.TXT, DClass.IN)));
    List<String> out = new ArrayList<>();
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec instanceof TXTRecord t) {
        out.add(String.join("", t.getStrings()));
      }
    }
    return out;
  }

  /** How many TXT questions for {@code name} this server answered ({@code /dns-request-history}). */
  public int txtQueries(String name) throws IOException {
    String body = post("/dns-request-history", "{\"host\":\"" + Hostnames.normalize(name) + "\"}");
    Matcher m = QTYPE.matcher(body);
    int n = 0;
    while (m.find()) {
      if (m.group(1).equals("16")) {
        n++;
      }
    }
    return n;
  }

  private String post(String path, String json) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException("challtestsrv " + path + " answered " + resp.statusCode() + ": " + resp.body());
      }
      return resp.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

}
