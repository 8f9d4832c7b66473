package dev.lanyard.dns.zone;

import dev.lanyard.core.config.ZoneConfig;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.net.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Builds a {@link ZoneContent} from the zone config (SOA, NS, glue), the record sets that fall in
 * the zone, and the ACME challenge values. Conflicts are resolved towards a valid zone and
 * reported through {@code warn}: config glue wins over records at the same name and type, a CNAME
 * at the apex or beside other data is dropped.
 */
public final class ZoneContentBuilder {
  private static final int MAX_TXT_STRING = 255;

  private ZoneContentBuilder() {}

  public static ZoneContent build(ZoneConfig zone, long serial, boolean synced, Collection<RecordSet> sets,
      Map<String, ? extends Collection<String>> challenges, Consumer<String> warn) {
    return build(zone, serial, synced, sets, challenges, warn, RecordCache.empty());
  }

  /**
   * Builds the zone; record sets found in {@code cache} (the previous build's conversions) reuse
   * their record lists. The new conversions are available from {@link ZoneContent#cache()}.
   */
  public static ZoneContent build(ZoneConfig zone, long serial, boolean synced, Collection<RecordSet> sets,
      Map<String, ? extends Collection<String>> challenges, Consumer<String> warn, RecordCache cache) {
    Name origin = name(zone.name());
    ZoneConfig.Soa s = zone.soa();
    SOARecord soa = new SOARecord(origin, DClass.IN, s.ttl(), name(s.mname()), name(s.rname()), serial,
        s.refresh(), s.retry(), s.expire(), s.minimum());
    Data data = new Data();
    for (ZoneConfig.Nameserver ns : zone.nameservers()) {
      Name host = name(ns.name());
      data.add(new NSRecord(origin, DClass.IN, zone.ttl(), host));
      if (host.subdomain(origin)) {
        for (InetAddress a : ns.addresses()) {
          data.add(address(host, zone.ttl(), a));
        }
      }
    }
    Set<Name> glue = new java.util.HashSet<>(data.map.keySet());
    glue.remove(origin);
    Map<RecordSet, RecordCache.Converted> converted = new java.util.HashMap<>();
    if (synced) {
      for (RecordSet rs : sets) {
        addRecordSet(data, origin, glue, rs, warn, cache, converted);
      }
    }
    challenges.forEach((fqdn, values) -> {
      Name n = name(fqdn);
      if (n.subdomain(origin) && !values.isEmpty()) {
        for (String v : new java.util.TreeSet<>(values)) {
          data.add(new TXTRecord(n, DClass.IN, 0, chunks(v)));
        }
      }
    });
    dropInvalidAliases(data.map, origin, warn);
    return new ZoneContent(origin, soa, synced, data.map, data.fingerprint(soa), RecordCache.of(converted));
  }

  /** Names to types to records, in insertion order, with a running fingerprint. */
  private static final class Data {
    final Map<Name, SortedMap<Integer, List<Record>>> map = new java.util.LinkedHashMap<>();
    /** Fingerprints already known for shared lists, so unchanged sets are not hashed again. */
    final Map<List<Record>, Long> known = new java.util.IdentityHashMap<>();

    void add(Record r) {
      List<Record> rrs = map.computeIfAbsent(r.getName(), k -> new TreeMap<>())
          .computeIfAbsent(r.getType(), k -> new ArrayList<>());
      if (!(rrs instanceof ArrayList)) {
        rrs = new ArrayList<>(rrs);
        map.get(r.getName()).put(r.getType(), rrs);
      }
      if (!rrs.contains(r)) {
        rrs.add(r);
      }
    }

    /** Puts a whole converted set; shares the list when the name and type were empty. */
    void addAll(Name owner, int type, RecordCache.Converted c) {
      List<Record> records = c.records();
      SortedMap<Integer, List<Record>> types = map.computeIfAbsent(owner, k -> new TreeMap<>());
      if (!types.containsKey(type)) {
        types.put(type, records);
        known.put(records, c.fingerprint());
      } else {
        records.forEach(this::add);
      }
    }

    byte[] fingerprint(SOARecord soa) {
      long h = RecordCache.fingerprint(List.of(new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(),
          soa.getHost(), soa.getAdmin(), 0, soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum())));
      long count = 0;
      for (SortedMap<Integer, List<Record>> types : map.values()) {
        for (List<Record> rrs : types.values()) {
          Long f = known.get(rrs);
          h = h * 31 + (f != null ? f : RecordCache.fingerprint(rrs));
          count += rrs.size();
        }
      }
      return java.nio.ByteBuffer.allocate(16).putLong(h).putLong(count).array();
    }
  }

  private static void addRecordSet(Data data, Name origin, Set<Name> glue, RecordSet rs, Consumer<String> warn,
      RecordCache cache, Map<RecordSet, RecordCache.Converted> converted) {
    RecordCache.Converted c = cache.get(rs);
    Name owner = c != null && !c.records().isEmpty() ? c.records().get(0).getName() : name(rs.name());
    if (!owner.subdomain(origin)) {
      return;
    }
    int type = rs.type().code();
    if (glue.contains(owner) && (rs.type() == RecordType.A || rs.type() == RecordType.AAAA
        || rs.type() == RecordType.CNAME)) {
      warn.accept(rs.name() + " " + rs.type() + " ignored: the zone config sets this name's glue");
      return;
    }
    SortedMap<Integer, List<Record>> existing = data.map.get(owner);
    if (existing != null && existing.containsKey(type)) {
      warn.accept(rs.name() + " " + rs.type() + " ignored: set twice");
      return;
    }
    if (c == null) {
      List<Record> records = new ArrayList<>();
      for (String v : rs.values()) {
        Optional<Record> r = toRecord(owner, rs.type(), rs.ttl(), v);
        if (r.isEmpty()) {
          warn.accept(rs.name() + " " + rs.type() + " value \"" + v + "\" ignored: not a valid " + rs.type());
        } else if (!records.contains(r.get())) {
          records.add(r.get());
        }
      }
      c = new RecordCache.Converted(List.copyOf(records), RecordCache.fingerprint(records));
    }
    converted.put(rs, c);
    if (!c.records().isEmpty()) {
      data.addAll(owner, type, c);
    }
  }

  private static void dropInvalidAliases(Map<Name, SortedMap<Integer, List<Record>>> data, Name origin,
      Consumer<String> warn) {
    for (Map.Entry<Name, SortedMap<Integer, List<Record>>> e : data.entrySet()) {
      SortedMap<Integer, List<Record>> types = e.getValue();
      if (!types.containsKey(Type.CNAME)) {
        continue;
      }
      if (e.getKey().equals(origin)) {
        types.remove(Type.CNAME);
        warn.accept(e.getKey() + " CNAME ignored: a zone apex cannot be an alias (it holds SOA and NS)");
      } else if (types.size() > 1) {
        types.remove(Type.CNAME);
        warn.accept(e.getKey() + " CNAME ignored: the name also has other records (RFC 1034 3.6.2)");
      } else if (types.get(Type.CNAME).size() > 1) {
        types.put(Type.CNAME, List.of(types.get(Type.CNAME).get(0)));
        warn.accept(e.getKey() + " CNAME has several targets; kept " + types.get(Type.CNAME).get(0).rdataToString());
      }
    }
  }

  static Optional<Record> toRecord(Name owner, RecordType type, long ttl, String value) {
    try {
      return switch (type) {
        case A -> IpAddresses.parse(value).filter(a -> a instanceof Inet4Address).map(a -> address(owner, ttl, a));
        case AAAA -> IpAddresses.parse(value).filter(a -> !(a instanceof Inet4Address)).map(a -> address(owner, ttl, a));
        case CNAME -> Hostnames.parse(value).filter(h -> !Hostnames.isWildcard(h))
            .map(h -> new CNAMERecord(owner, DClass.IN, ttl, name(h)));
        case TXT -> Optional.of(new TXTRecord(owner, DClass.IN, ttl, chunks(value)));
      };
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Record address(Name owner, long ttl, InetAddress a) {
    return a instanceof Inet4Address ? new ARecord(owner, DClass.IN, ttl, a) : new AAAARecord(owner, DClass.IN, ttl, a);
  }

  /**
   * A TXT value as dnsjava's presentation strings: UTF-8 bytes in character-strings of at most 255
   * bytes, with quotes, backslashes and non-printable bytes escaped so they arrive unchanged.
   */
  static List<String> chunks(String value) {
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bytes.length || out.isEmpty(); i += MAX_TXT_STRING) {
      StringBuilder sb = new StringBuilder();
      for (int j = i; j < Math.min(bytes.length, i + MAX_TXT_STRING); j++) {
        int b = bytes[j] & 0xff;
        if (b == '"' || b == '\\') {
          sb.append('\\').append((char) b);
        } else if (b < 0x20 || b > 0x7e) {
          sb.append('\\').append(String.format("%03d", b));
        } else {
          sb.append((char) b);
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** A dnsjava name from a normalized host name (no trailing dot). */
  public static Name name(String host) {
    try {
      return Name.fromString(host.endsWith(".") ? host : host + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + host, e);
    }
  }
}
