package dev.lanyard.core.config;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A zone Lanyard is authoritative for.
 *
 * @param ttl default TTL of records that carry no ttl annotation
 */
public record ZoneConfig(String name, long ttl, List<Nameserver> nameservers, Soa soa) {

  /** An NS host of the zone and its glue addresses (glue is served when the host is in the zone). */
  public record Nameserver(String name, List<InetAddress> addresses) {}

  /**
   * SOA fields. {@code minimum} is the negative-caching TTL (RFC 2308); the serial is not
   * configured, it is derived from time and rises on every content change.
   */
  public record Soa(String mname, String rname, long refresh, long retry, long expire, long minimum, long ttl) {}

  static ZoneConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("name", "ttl", "nameservers", "soa");
    String raw = n.requiredString("name");
    String name = Hostnames.parse(raw).filter(s -> !Hostnames.isWildcard(s)).orElse(raw);
    if (!raw.isEmpty() && !Hostnames.isValid(name)) {
      n.get("name").problem("\"" + raw + "\" is not a DNS name");
    }
    long ttl = n.integer("ttl", 300, 0, 2_147_483_647);
    List<Nameserver> nameservers = new ArrayList<>();
    for (ConfigNode ns : n.list("nameservers")) {
      ns.expectObject();
      ns.allowOnly("name", "addresses");
      String nsRaw = ns.requiredString("name");
      String nsName = Hostnames.parse(nsRaw).orElse(nsRaw);
      if (!nsRaw.isEmpty() && !Hostnames.isValid(nsName)) {
        ns.get("name").problem("\"" + nsRaw + "\" is not a DNS name");
      }
      List<InetAddress> addrs = ns.parsedStrings("addresses", IpAddresses::parse, "an IP address");
      if (addrs.isEmpty() && Hostnames.isInZone(nsName, name)) {
        ns.get("addresses").problem("an in-zone nameserver needs glue addresses");
      }
      nameservers.add(new Nameserver(nsName, addrs));
    }
    if (nameservers.isEmpty()) {
      n.get("nameservers").problem("at least one nameserver is required (it becomes the NS and SOA MNAME)");
    }
    ConfigNode s = n.get("soa");
    s.expectObject();
    s.allowOnly("mname", "rname", "refresh", "retry", "expire", "minimum", "ttl");
    String mname = s.optString("mname").map(Hostnames::normalize)
        .orElse(nameservers.isEmpty() ? "ns1." + name : nameservers.get(0).name());
    String rname = s.optString("rname").map(Hostnames::normalize).orElse("hostmaster." + name);
    long refresh = seconds(s, "refresh", Duration.ofHours(1));
    long retry = seconds(s, "retry", Duration.ofMinutes(10));
    long expire = seconds(s, "expire", Duration.ofDays(7));
    long minimum = seconds(s, "minimum", Duration.ofSeconds(60));
    long soaTtl = seconds(s, "ttl", Duration.ofSeconds(ttl));
    return new ZoneConfig(name, ttl, List.copyOf(nameservers), new Soa(mname, rname, refresh, retry, expire, minimum, soaTtl));
  }

  private static long seconds(ConfigNode s, String key, Duration def) {
    return s.duration(key, def).getSeconds();
  }
}
