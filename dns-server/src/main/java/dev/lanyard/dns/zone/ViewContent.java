package dev.lanyard.dns.zone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The zones one view serves and the answer logic over them: the reference semantics that the
 * precomputed templates are built from and that the slow path answers with directly.
 *
 * <p>RFC 1034 4.3.2 lookup with RFC 2308 negative answers (SOA in authority, TTL = min(SOA TTL,
 * minimum)), RFC 4592 wildcards at the closest encloser, CNAME chains followed through every zone
 * of the view (RFC 6604: the rcode is the last link's), minimal responses (no NS in authority),
 * glue for the apex NS. Before the first sync every negative answer is SERVFAIL.
 */
public final class ViewContent {
  private static final int MAX_CHAIN = 12;
  private static final Name STAR = Name.fromConstantString("*");

  private final List<ZoneContent> zones;

  public ViewContent(List<ZoneContent> zones) {
    List<ZoneContent> sorted = new ArrayList<>(zones);
    sorted.sort(Comparator.comparingInt((ZoneContent z) -> z.origin().labels()).reversed());
    this.zones = List.copyOf(sorted);
  }

  public List<ZoneContent> zones() {
    return zones;
  }

  /** The longest zone containing {@code name}, or null. */
  public ZoneContent zoneFor(Name name) {
    for (ZoneContent z : zones) {
      if (name.subdomain(z.origin())) {
        return z;
      }
    }
    return null;
  }

  public ZoneContent zone(Name origin) {
    for (ZoneContent z : zones) {
      if (z.origin().equals(origin)) {
        return z;
      }
    }
    return null;
  }

  /**
   * Answers {@code qname}/{@code qtype}. {@code allAny}: answer ANY with every RRset (TCP) rather
   * than one (RFC 8482, UDP).
   */
  public Answer answer(Name qname, int qtype, boolean allAny) {
    ZoneContent first = zoneFor(qname);
    if (first == null) {
      return Answer.error(Rcode.REFUSED);
    }
    List<Record> answer = new ArrayList<>();
    List<Record> authority = new ArrayList<>();
    List<Record> additional = new ArrayList<>();
    Set<Name> seen = new HashSet<>();
    Name current = qname;
    int rcode = Rcode.NOERROR;
    for (int hop = 0; hop < MAX_CHAIN && seen.add(current); hop++) {
      ZoneContent zone = zoneFor(current);
      if (zone == null) {
        break;
      }
      SortedMap<Integer, List<Record>> rrsets = zone.rrsets(current);
      if (rrsets == null && !zone.exists(current)) {
        Name source = wildcardSource(zone, current);
        if (source == null) {
          rcode = Rcode.NXDOMAIN;
          authority.add(zone.negativeSoa());
          break;
        }
        rrsets = synthesize(zone.rrsets(source), current);
      }
      if (rrsets == null) {
        authority.add(zone.negativeSoa());
        break;
      }
      if (qtype == Type.ANY) {
        addAny(rrsets, allAny, answer);
        break;
      }
      List<Record> match = rrsets.get(qtype);
      if (match != null) {
        answer.addAll(match);
        if (qtype == Type.NS && current.equals(zone.origin())) {
          addGlue(zone, match, additional);
        }
        break;
      }
      List<Record> alias = rrsets.get(Type.CNAME);
      if (alias != null) {
        answer.addAll(alias);
        current = ((CNAMERecord) alias.get(0)).getTarget();
        continue;
      }
      authority.add(zone.negativeSoa());
      break;
    }
    if (!first.synced() && (rcode != Rcode.NOERROR || !authority.isEmpty())) {
      return Answer.error(Rcode.SERVFAIL);
    }
    return new Answer(rcode, true, answer, authority, additional);
  }

  /** The wildcard name {@code *.<closest encloser>} when it exists, else null (RFC 4592 3.3.1). */
  private static Name wildcardSource(ZoneContent zone, Name name) {
    Name ce = name;
    while (!zone.exists(ce)) {
      if (ce.equals(zone.origin())) {
        return null;
      }
      ce = new Name(ce, 1);
    }
    try {
      Name wild = Name.concatenate(STAR, ce);
      return zone.exists(wild) ? wild : null;
    } catch (NameTooLongException e) {
      return null;
    }
  }

  private static SortedMap<Integer, List<Record>> synthesize(SortedMap<Integer, List<Record>> source, Name owner) {
    if (source == null) {
      return null;
    }
    SortedMap<Integer, List<Record>> out = new java.util.TreeMap<>();
    for (Map.Entry<Integer, List<Record>> e : source.entrySet()) {
      out.put(e.getKey(), e.getValue().stream().map(r -> r.withName(owner)).toList());
    }
    return out;
  }

  private static void addAny(SortedMap<Integer, List<Record>> rrsets, boolean all, List<Record> answer) {
    for (List<Record> rrs : rrsets.values()) {
      answer.addAll(rrs);
      if (!all) {
        return;
      }
    }
  }

  private static void addGlue(ZoneContent zone, List<Record> ns, List<Record> additional) {
    for (Record r : ns) {
      Name host = ((NSRecord) r).getTarget();
      SortedMap<Integer, List<Record>> rrsets = host.subdomain(zone.origin()) ? zone.rrsets(host) : null;
      if (rrsets != null) {
        additional.addAll(rrsets.getOrDefault(Type.A, List.of()));
        additional.addAll(rrsets.getOrDefault(Type.AAAA, List.of()));
      }
    }
  }
}
