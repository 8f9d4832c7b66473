package dev.lanyard.dns.zone;

import dev.lanyard.core.model.RecordSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;

/**
 * The dnsjava records each record set was converted to in the last build of one zone, with a
 * fingerprint of their wire form. The next build reuses the very same lists for unchanged sets,
 * so unchanged names are recognised by identity: their compiled answers and the journal skip them.
 */
public final class RecordCache {
  /** Converted records and a 64-bit fingerprint of their canonical wire form and TTLs. */
  public record Converted(List<Record> records, long fingerprint) {}

  private final Map<RecordSet, Converted> entries;

  private RecordCache(Map<RecordSet, Converted> entries) {
    this.entries = entries;
  }

  public static RecordCache empty() {
    return new RecordCache(Map.of());
  }

  Converted get(RecordSet rs) {
    return entries.get(rs);
  }

  static RecordCache of(Map<RecordSet, Converted> entries) {
    return new RecordCache(new HashMap<>(entries));
  }

  /** FNV-1a over the canonical wire form (which includes the TTL) of each record. */
  static long fingerprint(List<Record> records) {
    long h = 0xcbf29ce484222325L;
    for (Record r : records) {
      for (byte b : r.toWireCanonical()) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ 0xff) * 0x100000001b3L;
    }
    return h;
  }
}
