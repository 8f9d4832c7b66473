package dev.lanyard.dns;

import java.util.Map;

/**
 * The unbound.conf of a LAN resolver in front of Lanyard: it listens on 127.0.0.1:{@code port},
 * sends its queries from {@code outgoingInterface} (so Lanyard sees the resolver's address, as on a
 * real LAN) and forwards each zone to Lanyard's port.
 */
public final class UnboundConf {
  private UnboundConf() {}

  public static String render(String dir, int port, String outgoingInterface, Map<String, Integer> forwardZones) {
    StringBuilder conf = new StringBuilder("""
        server:
          interface: 127.0.0.1
          port: %2$d
          outgoing-interface: %3$s
          access-control: 127.0.0.0/8 allow
          do-not-query-localhost: no
          do-ip6: no
          chroot: ""
          username: ""
          directory: "%1$s"
          pidfile: "%1$s/unbound.pid"
          use-syslog: no
          logfile: ""
          verbosity: 1
          module-config: "iterator"
          qname-minimisation: no
          num-threads: 1
        remote-control:
          control-enable: no
        """.formatted(dir, port, outgoingInterface));
    forwardZones.forEach((zone, lanyardPort) -> conf.append("""
        forward-zone:
          name: "%s"
          forward-addr: 127.0.0.1@%d
        """.formatted(zone, lanyardPort)));
    return conf.toString();
  }
}
