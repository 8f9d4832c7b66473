package dev.lanyard.dns.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The recent changes of one zone in one view, oldest first, for IXFR (RFC 1995). Immutable:
 * {@link #append} returns a new journal, trimmed to {@code maxDiffs} entries and to about as many
 * changed records as the zone holds (beyond that a full transfer is cheaper).
 */
public final class Journal {
  /** One change: the SOA before and after, the records removed and added. */
  public record Diff(SOARecord from, SOARecord to, List<Record> deleted, List<Record> added) {
    public Diff {
      deleted = List.copyOf(deleted);
      added = List.copyOf(added);
    }

    int size() {
      return deleted.size() + added.size() + 2;
    }
  }

  public static final int DEFAULT_MAX_DIFFS = 64;
  private static final Journal EMPTY = new Journal(List.of());

  private final List<Diff> diffs;

  private Journal(List<Diff> diffs) {
    this.diffs = List.copyOf(diffs);
  }

  public static Journal empty() {
    return EMPTY;
  }

  public List<Diff> diffs() {
    return diffs;
  }

  /** The journal with the change from {@code before} to {@code after} added. */
  public Journal append(ZoneContent before, ZoneContent after, int maxDiffs) {
    List<Record> deleted = changes(before, after);
    List<Record> added = changes(after, before);
    List<Diff> out = new ArrayList<>(diffs);
    out.add(new Diff(before.soa(), after.soa(), deleted, added));
    int budget = Math.max(1000, after.recordCount());
    int total = out.stream().mapToInt(Diff::size).sum();
    while (out.size() > maxDiffs || (out.size() > 1 && total > budget)) {
      total -= out.remove(0).size();
    }
    return new Journal(out);
  }

  /**
   * Records in {@code a} but not in {@code b}, SOA aside. RRsets that are the same list object in
   * both (an unchanged record set, see {@link RecordCache}) are skipped without a look inside.
   */
  private static List<Record> changes(ZoneContent a, ZoneContent b) {
    List<Record> out = new ArrayList<>();
    for (Name n : a.namesWithData()) {
      SortedMap<Integer, List<Record>> x = a.rrsets(n);
      SortedMap<Integer, List<Record>> y = b.rrsets(n);
      for (Map.Entry<Integer, List<Record>> e : x.entrySet()) {
        if (e.getKey() == Type.SOA) {
          continue;
        }
        List<Record> other = y == null ? null : y.get(e.getKey());
        if (other != e.getValue()) {
          out.addAll(minus(e.getValue(), other == null ? List.of() : other));
        }
      }
    }
    return out;
  }

  /** Records of {@code a} not in {@code b}; dnsjava's equals ignores TTLs, a TTL change counts here. */
  private static List<Record> minus(List<Record> a, List<Record> b) {
    Map<Record, Long> ttls = new HashMap<>();
    b.forEach(r -> ttls.put(r, r.getTTL()));
    List<Record> out = new ArrayList<>();
    for (Record r : a) {
      Long ttl = ttls.get(r);
      if (ttl == null || ttl != r.getTTL()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The diffs leading from {@code serial} to the newest, when the journal reaches back that far. */
  public Optional<List<Diff>> since(long serial) {
    for (int i = 0; i < diffs.size(); i++) {
      if (diffs.get(i).from().getSerial() == serial) {
        return Optional.of(diffs.subList(i, diffs.size()));
      }
    }
    return Optional.empty();
  }
}
