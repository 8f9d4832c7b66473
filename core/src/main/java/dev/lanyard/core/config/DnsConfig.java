package dev.lanyard.core.config;

import dev.lanyard.core.net.Cidr;
import dev.lanyard.core.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DNS server: where it listens and how it protects itself.
 *
 * @param udpPayloadSize the EDNS0 UDP payload size the server offers and caps answers at
 * @param serialFile where the last SOA serial is kept so it never goes backwards across restarts;
 *     empty means the serial is derived from the clock alone
 */
public record DnsConfig(
    List<HostPort> listen,
    int udpPayloadSize,
    Tcp tcp,
    Rrl rrl,
    Transfer transfer,
    Optional<Path> serialFile) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 5353);

  /** RFC 7766 connection handling. */
  public record Tcp(int maxConnections, Duration idleTimeout) {}

  /** Response rate limiting per client /24 (IPv4) or /56 (IPv6). */
  public record Rrl(boolean enabled, int responsesPerSecond, Duration window) {}

  /**
   * Zone transfer (AXFR/IXFR) and NOTIFY. A transfer is allowed when the client is in
   * {@code allow}, or signs with one of the {@code tsig} keys; it is served from the view the
   * client maps to.
   */
  public record Transfer(List<Cidr> allow, List<TsigKeyConfig> tsig, List<HostPort> notifyTargets) {
    public Transfer {
      allow = List.copyOf(allow);
      tsig = List.copyOf(tsig);
      notifyTargets = List.copyOf(notifyTargets);
    }
  }

  public DnsConfig {
    listen = List.copyOf(listen);
  }

  static DnsConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("listen", "udpPayloadSize", "tcp", "rrl", "transfer", "serialFile");
    List<HostPort> listen = n.has("listen") ? n.listenAddresses("listen") : List.of(DEFAULT_LISTEN);
    int udp = (int) n.integer("udpPayloadSize", 1232, 512, 4096);
    ConfigNode t = n.get("tcp");
    t.expectObject();
    t.allowOnly("maxConnections", "idleTimeout");
    Tcp tcp = new Tcp((int) t.integer("maxConnections", 1024, 1, 1_000_000), t.duration("idleTimeout", Duration.ofSeconds(10)));
    ConfigNode r = n.get("rrl");
    r.expectObject();
    r.allowOnly("enabled", "responsesPerSecond", "window");
    Rrl rrl = new Rrl(r.bool("enabled", false), (int) r.integer("responsesPerSecond", 20, 1, 1_000_000),
        r.duration("window", Duration.ofSeconds(15)));
    ConfigNode x = n.get("transfer");
    x.expectObject();
    x.allowOnly("allow", "tsig", "notify");
    List<TsigKeyConfig> keys = new ArrayList<>();
    for (ConfigNode k : x.list("tsig")) {
      keys.add(TsigKeyConfig.parse(k));
    }
    Transfer transfer = new Transfer(x.cidrs("allow"), keys, x.hostPorts("notify", 53));
    return new DnsConfig(listen, udp, tcp, rrl, transfer, n.optPath("serialFile"));
  }

  static DnsConfig defaults() {
    return new DnsConfig(List.of(DEFAULT_LISTEN), 1232, new Tcp(1024, Duration.ofSeconds(10)),
        new Rrl(false, 20, Duration.ofSeconds(15)), new Transfer(List.of(), List.of(), List.of()), Optional.empty());
  }
}
