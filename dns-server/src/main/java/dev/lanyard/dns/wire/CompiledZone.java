package dev.lanyard.dns.wire;

import java.util.Arrays;

/**
 * One zone of one view in the form the fast path reads: names to answer templates, and the
 * zone's negative answers (relocatable, so any query name fits them).
 */
public final class CompiledZone {
  private final byte[] apex;
  private final NameTable names;
  private final Template nxdomain;
  private final Template nodata;

  public CompiledZone(byte[] apex, NameTable names, Template nxdomain, Template nodata) {
    this.apex = apex.clone();
    this.names = names;
    this.nxdomain = nxdomain;
    this.nodata = nodata;
  }

  public int apexLength() {
    return apex.length;
  }

  public NameTable names() {
    return names;
  }

  /** True when the query name ends in this zone's apex at a label boundary. */
  public boolean contains(ParsedQuery q) {
    int start = q.nameLength - apex.length;
    if (start < 0) {
      return false;
    }
    if (start > 0 && !isLabelStart(q, start)) {
      return false;
    }
    return Arrays.equals(q.name, start, q.nameLength, apex, 0, apex.length);
  }

  private static boolean isLabelStart(ParsedQuery q, int offset) {
    for (int i = 0; i < q.labelCount; i++) {
      if (q.labelStarts[i] == offset) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer for the query's name and type: an exact name, else the RFC 4592 wildcard at the
   * closest encloser, else NXDOMAIN. Overwrites part of {@code q.name} while looking for the
   * wildcard.
   */
  public Template lookup(ParsedQuery q) {
    byte[] name = q.name;
    int len = q.nameLength;
    AnswerNode exact = names.get(name, 0, len);
    if (exact != null) {
      return orNodata(exact.forType(q.qtype));
    }
    for (int i = 1; i < q.labelCount; i++) {
      int s = q.labelStarts[i];
      if (len - s < apex.length) {
        break;
      }
      if (names.get(name, s, len - s) != null) {
        name[s - 2] = 1;
        name[s - 1] = '*';
        AnswerNode wild = names.get(name, s - 2, len - s + 2);
        return wild == null ? nxdomain : orNodata(wild.forType(q.qtype));
      }
    }
    return nxdomain;
  }

  private Template orNodata(Template t) {
    return t == null ? nodata : t;
  }
}
