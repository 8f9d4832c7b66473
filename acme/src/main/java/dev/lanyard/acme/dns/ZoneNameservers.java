package dev.lanyard.acme.dns;

import dev.lanyard.core.model.Hostnames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Finds the authoritative servers of the zone holding a name, through a recursive resolver: the
 * SOA owner is the zone (from the answer, or from the authority section of a negative answer), its
 * NS hosts are the servers, each reached at one address (IPv4 first).
 */
final class ZoneNameservers {
  private final Resolver recursive;
  private final String describe;
  private final int port;

  ZoneNameservers(Resolver recursive, String describe, int port) {
    this.recursive = recursive;
    this.describe = describe;
    this.port = port;
  }

  List<Nameserver> of(String name) throws IOException {
    String zone = zoneOf(name);
    List<Nameserver> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String host : nsHosts(zone)) {
      Optional<InetAddress> address = address(host);
      if (address.isPresent()) {
        out.add(new Nameserver(host, new InetSocketAddress(address.get(), port)));
      } else {
        missing.add(host);
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no address for any nameserver of " + zone + " (" + String.join(", ", missing) + ")");
    }
    return List.copyOf(out);
  }

  String zoneOf(String name) throws IOException {
    String candidate = Hostnames.normalize(name);
    while (true) {
      Message m = DnsQuery.ask(recursive, candidate, Type.SOA, describe);
      int rcode = m.getRcode();
      if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
        for (Record r : DnsQuery.answers(m)) {
          if (r instanceof SOARecord) {
            return DnsQuery.text(r.getName());
          }
        }
        for (Record r : DnsQuery.authority(m)) {
          if (r instanceof SOARecord && Hostnames.isInZone(candidate, DnsQuery.text(r.getName()))) {
            return DnsQuery.text(r.getName());
          }
        }
      } else if (rcode != Rcode.REFUSED && rcode != Rcode.NOTIMP) {
        throw new IOException("SOA " + candidate + " at " + describe + ": " + DnsQuery.rcode(m));
      }
      Optional<String> parent = Hostnames.parent(candidate);
      if (parent.isEmpty()) {
        throw new IOException("no zone (SOA) found for " + name + " through " + describe);
      }
      candidate = parent.get();
    }
  }

  private List<String> nsHosts(String zone) throws IOException {
    Message m = DnsQuery.ask(recursive, zone, Type.NS, describe);
    List<String> hosts = new ArrayList<>();
    for (Record r : DnsQuery.answers(m)) {
      if (r instanceof NSRecord ns && DnsQuery.text(ns.getName()).equals(zone)) {
        hosts.add(DnsQuery.text(ns.getTarget()));
      }
    }
    if (hosts.isEmpty()) {
      throw new IOException("zone " + zone + " has no NS records at " + describe + " (" + DnsQuery.rcode(m) + ")");
    }
    return hosts;
  }

  private Optional<InetAddress> address(String host) throws IOException {
    for (int type : new int[] {Type.A, Type.AAAA}) {
      for (Record r : DnsQuery.answers(DnsQuery.ask(recursive, host, type, describe))) {
        if (r instanceof ARecord a) {
          return Optional.of(a.getAddress());
        }
        if (r instanceof AAAARecord a) {
          return Optional.of(a.getAddress());
        }
      }
    }
    return Optional.empty();
  }
}
