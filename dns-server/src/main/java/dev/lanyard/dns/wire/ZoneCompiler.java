package dev.lanyard.dns.wire;

import dev.lanyard.dns.zone.Answer;
import dev.lanyard.dns.zone.ViewContent;
import dev.lanyard.dns.zone.ZoneContent;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Precomputes every answer of one zone as wire templates, from the answers {@link ViewContent}
 * gives. Names without an alias share the zone's NODATA template; aliases get one template per
 * type the view holds (their chain's end decides the answer) and one for every other type.
 */
public final class ZoneCompiler {
  /** A private-use type (RFC 6895) no zone holds: asking for it yields the "any other type" answer. */
  static final int OTHER_TYPE = 65534;
  private static final int[] ALIAS_TYPES = {Type.A, Type.AAAA, Type.CNAME, Type.TXT, Type.NS, Type.SOA};

  private ZoneCompiler() {}

  public static CompiledZone compile(ViewContent view, ZoneContent zone) {
    return compile(view, zone, null, null);
  }

  /**
   * Compiles {@code zone}, reusing the nodes of {@code previous} (compiled from {@code before}) for
   * names whose records did not change and whose answers depend on nothing else: not the apex, not
   * a wildcard, not an alias.
   */
  public static CompiledZone compile(ViewContent view, ZoneContent zone, ZoneContent before, CompiledZone previous) {
    Template nodata = TemplateEncoder.relocatable(view.answer(zone.origin(), OTHER_TYPE, false), null);
    Answer nx = zone.synced()
        ? new Answer(Rcode.NXDOMAIN, true, List.of(), List.of(zone.negativeSoa()), List.of())
        : Answer.error(Rcode.SERVFAIL);
    Template nxdomain = TemplateEncoder.relocatable(nx, null);
    Set<Name> names = zone.allNames();
    NameTable.Builder table = NameTable.builder(names.size());
    boolean reuse = previous != null && before != null && before.synced() == zone.synced();
    for (Name name : names) {
      byte[] key = name.toWireCanonical();
      AnswerNode node = null;
      if (reuse && !name.equals(zone.origin()) && !isWildcard(name)) {
        SortedMap<Integer, List<Record>> rrsets = zone.rrsets(name);
        if (rrsets == null || (!rrsets.containsKey(Type.CNAME) && sameRecords(rrsets, before.rrsets(name)))) {
          node = previous.names().get(key, 0, key.length);
        }
      }
      table.put(key, node != null ? node : node(view, zone, name));
    }
    return new CompiledZone(zone.origin().toWireCanonical(), table.build(), nxdomain, nodata);
  }

  private static boolean isWildcard(Name name) {
    return name.labels() > 1 && name.getLabelString(0).equals("*");
  }

  /**
   * True when both hold the same record lists, by identity: unchanged record sets keep their list
   * from one build to the next (see {@code RecordCache}), so this is exact and costs no parsing.
   */
  private static boolean sameRecords(SortedMap<Integer, List<Record>> a, SortedMap<Integer, List<Record>> b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (var e : a.entrySet()) {
      if (e.getValue() != b.get(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  private static AnswerNode node(ViewContent view, ZoneContent zone, Name name) {
    SortedMap<Integer, List<Record>> rrsets = zone.rrsets(name);
    boolean wildcard = isWildcard(name);
    if (rrsets == null || rrsets.isEmpty()) {
      return new AnswerNode(new int[0], new Template[0], null);
    }
    boolean alias = rrsets.containsKey(Type.CNAME);
    int[] types = alias ? ALIAS_TYPES : rrsets.keySet().stream().mapToInt(Integer::intValue).toArray();
    Template[] templates = new Template[types.length];
    for (int i = 0; i < types.length; i++) {
      templates[i] = encode(view.answer(name, types[i], false), name, types[i], wildcard);
    }
    Template fallback = alias ? encode(view.answer(name, OTHER_TYPE, false), name, OTHER_TYPE, wildcard) : null;
    return new AnswerNode(types, templates, fallback);
  }

  private static Template encode(Answer a, Name name, int qtype, boolean wildcard) {
    return wildcard ? TemplateEncoder.relocatable(a, name) : TemplateEncoder.exact(a, name, qtype);
  }
}
