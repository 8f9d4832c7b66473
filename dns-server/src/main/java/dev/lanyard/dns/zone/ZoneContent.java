package dev.lanyard.dns.zone;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The records of one zone in one view, immutable. The name set includes empty non-terminals so
 * that they answer NODATA rather than NXDOMAIN.
 *
 * @see ZoneContentBuilder
 */
public final class ZoneContent {
  private final Name origin;
  private final SOARecord soa;
  private final boolean synced;
  private final Map<Name, SortedMap<Integer, List<Record>>> data;
  private final Set<Name> names;
  private final byte[] digest;
  private final int recordCount;
  private final RecordCache cache;

  ZoneContent(Name origin, SOARecord soa, boolean synced, Map<Name, SortedMap<Integer, List<Record>>> data,
      byte[] digest, RecordCache cache) {
    this.origin = origin;
    this.soa = soa;
    this.synced = synced;
    this.data = Collections.unmodifiableMap(data);
    this.cache = cache;
    Set<Name> all = new HashSet<>();
    int count = 0;
    for (Map.Entry<Name, SortedMap<Integer, List<Record>>> e : data.entrySet()) {
      for (Name n = e.getKey(); n.subdomain(origin) && all.add(n) && !n.equals(origin); ) {
        n = new Name(n, 1);
      }
      for (List<Record> rrs : e.getValue().values()) {
        count += rrs.size();
      }
    }
    all.add(origin);
    this.names = Collections.unmodifiableSet(all);
    this.recordCount = count + 1;
    this.digest = digest.clone();
  }

  private ZoneContent(ZoneContent c, SOARecord soa) {
    this.origin = c.origin;
    this.soa = soa;
    this.synced = c.synced;
    this.data = c.data;
    this.names = c.names;
    this.digest = c.digest;
    this.recordCount = c.recordCount;
    this.cache = c.cache;
  }

  public Name origin() {
    return origin;
  }

  public SOARecord soa() {
    return soa;
  }

  public long serial() {
    return soa.getSerial();
  }

  /** False while the sources have not delivered their first listing: negative answers are then SERVFAIL. */
  public boolean synced() {
    return synced;
  }

  /** The same records under a new serial. */
  public ZoneContent withSerial(long serial) {
    SOARecord s = new SOARecord(origin, DClass.IN, soa.getTTL(), soa.getHost(), soa.getAdmin(), serial,
        soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    return new ZoneContent(this, s);
  }

  /** The SOA as it goes into negative answers: TTL = min(SOA TTL, SOA minimum), RFC 2308. */
  public SOARecord negativeSoa() {
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    return new SOARecord(origin, DClass.IN, ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
        soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  /** The RRsets at {@code name} by type, or null when the name holds no data. */
  public SortedMap<Integer, List<Record>> rrsets(Name name) {
    if (name.equals(origin)) {
      SortedMap<Integer, List<Record>> apex = new TreeMap<>(data.getOrDefault(origin, new TreeMap<>()));
      apex.put(Type.SOA, List.of(soa));
      return apex;
    }
    return data.get(name);
  }

  /** True when the name exists: it holds data or is an empty non-terminal. */
  public boolean exists(Name name) {
    return names.contains(name);
  }

  /** Every name with data (the apex included), in build order. */
  public Set<Name> namesWithData() {
    Set<Name> out = new java.util.LinkedHashSet<>();
    out.add(origin);
    out.addAll(data.keySet());
    return out;
  }

  public Set<Name> allNames() {
    return names;
  }

  /** Every record but the SOA: what AXFR sends between the two SOAs. */
  public List<Record> records() {
    List<Record> out = new ArrayList<>(recordCount);
    data.values().forEach(m -> m.values().forEach(out::addAll));
    return out;
  }

  /** Number of records including the SOA. */
  public int recordCount() {
    return recordCount;
  }

  /** A digest of the content but the serial: equal digests mean equal zone content. */
  public byte[] digest() {
    return digest.clone();
  }

  public boolean sameContent(ZoneContent other) {
    return other != null && MessageDigest.isEqual(digest, other.digest);
  }

  /** The record conversions of this build, for the next one. */
  public RecordCache cache() {
    return cache;
  }
}
