package dev.lanyard.core.translate;

import dev.lanyard.core.config.Durations;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.net.IpAddresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns address targets into typed claims: IPv4 becomes A, IPv6 AAAA, anything else CNAME. */
final class Targets {
  private Targets() {}

  static List<Contribution> claims(
      String view,
      String name,
      List<String> targets,
      OptionalLong ttl,
      ObjectRef resource,
      String created,
      Map<String, String> providerSpecific,
      Problems problems) {
    List<String> a = new ArrayList<>();
    List<String> aaaa = new ArrayList<>();
    List<String> cname = new ArrayList<>();
    for (String t : targets) {
      Optional<java.net.InetAddress> ip = IpAddresses.parse(t);
      if (ip.isPresent()) {
        (ip.get() instanceof java.net.Inet4Address ? a : aaaa).add(IpAddresses.canonical(ip.get()));
        continue;
      }
      Optional<String> host = Hostnames.parse(t).filter(h -> !Hostnames.isWildcard(h));
      if (host.isEmpty()) {
        problems.warn(resource, "target \"" + t + "\" for " + name + " is neither an IP address nor a host name; dropped");
      } else {
        cname.add(host.get());
      }
    }
    List<Contribution> out = new ArrayList<>();
    if (!a.isEmpty()) {
      out.add(new Contribution(view, name, RecordType.A, a, ttl, resource, created, providerSpecific));
    }
    if (!aaaa.isEmpty()) {
      out.add(new Contribution(view, name, RecordType.AAAA, aaaa, ttl, resource, created, providerSpecific));
    }
    for (String c : cname.stream().distinct().sorted().toList()) {
      out.add(new Contribution(view, name, RecordType.CNAME, List.of(c), ttl, resource, created, providerSpecific));
    }
    return out;
  }

  /** The external-dns {@code ttl} annotation: seconds or a Go duration, 1..2147483647. */
  static OptionalLong ttl(Map<String, String> annotations, ObjectRef subject, Problems problems) {
    Optional<String> raw = Annotations.externalDns(annotations, Annotations.TTL);
    if (raw.isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<Duration> d = Durations.parse(raw.get());
    if (d.isEmpty() || d.get().getSeconds() < 1 || d.get().getSeconds() > 2_147_483_647L) {
      problems.warn(subject, "ttl annotation \"" + raw.get() + "\" is not a duration of 1s or more; the zone default applies");
      return OptionalLong.empty();
    }
    return OptionalLong.of(d.get().getSeconds());
  }
}
