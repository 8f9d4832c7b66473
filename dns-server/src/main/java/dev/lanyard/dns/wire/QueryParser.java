package dev.lanyard.dns.wire;

/**
 * Reads the header, the question and the OPT record of a query without allocating. Anything the
 * fast path does not handle (other opcodes, several records, TSIG, meta types, other classes) is
 * left to the slow path, which parses with dnsjava.
 */
public final class QueryParser {
  /** Plain IN query the precomputed answers can serve. */
  public static final int FAST = 0;
  /** Well formed enough, but needs the slow path. */
  public static final int SLOW = 1;
  /** The header parsed but the rest is broken: answer FORMERR. */
  public static final int FORMERR = 2;
  /** No usable header, or a response: stay silent. */
  public static final int DROP = 3;
  /** EDNS version other than 0: answer BADVERS. */
  public static final int BADVERS = 4;

  public static final int TYPE_OPT = 41;
  public static final int OPTION_ECS = 8;

  private QueryParser() {}

  public static int parse(byte[] p, int len, ParsedQuery q) {
    q.reset();
    if (len < 12) {
      return DROP;
    }
    q.id = Bytes.u16(p, 0);
    q.flags = Bytes.u16(p, 2);
    if ((q.flags & 0x8000) != 0) {
      return DROP;
    }
    q.opcode = q.flags >>> 11 & 0xf;
    int qd = Bytes.u16(p, 4);
    int an = Bytes.u16(p, 6);
    int ns = Bytes.u16(p, 8);
    int ar = Bytes.u16(p, 10);
    if (q.opcode != 0 || qd != 1 || an != 0 || ns != 0 || ar > 1) {
      return SLOW;
    }
    int pos = readName(p, len, 12, q);
    if (pos < 0) {
      return FORMERR;
    }
    if (pos + 4 > len) {
      return FORMERR;
    }
    q.qtype = Bytes.u16(p, pos);
    q.qclass = Bytes.u16(p, pos + 2);
    pos += 4;
    q.questionEnd = pos;
    q.hasQuestion = true;
    if (ar == 1) {
      if (pos + 11 > len) {
        return FORMERR;
      }
      if (p[pos] != 0 || Bytes.u16(p, pos + 1) != TYPE_OPT) {
        return SLOW;
      }
      int r = readOpt(p, len, pos + 1, q);
      if (r < 0) {
        return FORMERR;
      }
      pos = r;
    }
    if (pos != len) {
      return FORMERR;
    }
    if (q.edns && q.ednsVersion != 0) {
      return BADVERS;
    }
    if (q.qclass != 1 || isSlowType(q.qtype)) {
      return SLOW;
    }
    return FAST;
  }

  /** Meta and special types: ANY, AXFR, IXFR, OPT, TSIG, TKEY, type 0 and the rest of 128..255. */
  static boolean isSlowType(int qtype) {
    return qtype == 0 || qtype == TYPE_OPT || (qtype >= 128 && qtype <= 255) || qtype == 249 || qtype == 250;
  }

  private static int readName(byte[] p, int len, int pos, ParsedQuery q) {
    byte[] out = q.name;
    int n = 0;
    while (true) {
      if (pos >= len) {
        return -1;
      }
      int l = p[pos] & 0xff;
      if (l == 0) {
        out[n++] = 0;
        q.nameLength = n;
        return pos + 1;
      }
      if ((l & 0xc0) != 0 || pos + 1 + l > len || n + 1 + l + 1 > ParsedQuery.MAX_NAME
          || q.labelCount == q.labelStarts.length) {
        return -1;
      }
      q.labelStarts[q.labelCount++] = n;
      out[n++] = (byte) l;
      for (int i = pos + 1, end = pos + 1 + l; i < end; i++) {
        byte c = p[i];
        out[n++] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
      }
      pos += 1 + l;
    }
  }

  /** Reads OPT from its TYPE field on; returns the offset after it, or -1 when malformed. */
  private static int readOpt(byte[] p, int len, int pos, ParsedQuery q) {
    q.edns = true;
    q.ednsPayload = Math.max(512, Bytes.u16(p, pos + 2));
    q.ednsVersion = p[pos + 5] & 0xff;
    q.dnssecOk = (p[pos + 6] & 0x80) != 0;
    int rdlen = Bytes.u16(p, pos + 8);
    int o = pos + 10;
    int end = o + rdlen;
    if (end > len) {
      return -1;
    }
    while (o < end) {
      if (o + 4 > end) {
        return -1;
      }
      int code = Bytes.u16(p, o);
      int olen = Bytes.u16(p, o + 2);
      o += 4;
      if (o + olen > end) {
        return -1;
      }
      if (code == OPTION_ECS && (q.ecs || !readEcs(p, o, olen, q))) {
        return -1;
      }
      o += olen;
    }
    return end;
  }

  private static boolean readEcs(byte[] p, int o, int olen, ParsedQuery q) {
    if (olen < 4) {
      return false;
    }
    int family = Bytes.u16(p, o);
    int source = p[o + 2] & 0xff;
    int max = family == 1 ? 32 : family == 2 ? 128 : -1;
    if (max < 0 || source > max) {
      return false;
    }
    int addrLen = olen - 4;
    if (addrLen != (source + 7) / 8) {
      return false;
    }
    int rest = source % 8;
    if (rest != 0 && (p[o + 4 + addrLen - 1] & (0xff >>> rest)) != 0) {
      return false;
    }
    q.ecs = true;
    q.ecsFamily = family;
    q.ecsSourcePrefix = source;
    q.ecsAddressOffset = o + 4;
    q.ecsAddressLength = addrLen;
    return true;
  }
}
