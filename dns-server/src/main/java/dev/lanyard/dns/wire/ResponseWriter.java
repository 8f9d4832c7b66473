package dev.lanyard.dns.wire;

/** Writes responses into a reusable buffer: copy a template, patch it, add OPT. No allocation. */
public final class ResponseWriter {
  private static final int QR = 0x80;
  private static final int TC = 0x02;
  private static final int RD = 0x01;
  private static final int CD = 0x10;

  private ResponseWriter() {}

  /**
   * Writes {@code t} as the answer to {@code q}; when it would exceed {@code limit} bytes, writes a
   * truncated (TC=1) response instead. Returns the length.
   */
  public static int write(byte[] in, ParsedQuery q, Template t, byte[] out, int limit, int serverPayload) {
    byte[] w = t.wire();
    int questionLength = q.questionEnd - 12;
    int optLength = q.optLength();
    int total = 12 + questionLength + (w.length - 12) + optLength;
    boolean truncate = total > limit;
    out[0] = in[0];
    out[1] = in[1];
    out[2] = (byte) (w[2] & ~RD | in[2] & RD | (truncate ? TC : 0));
    out[3] = (byte) (w[3] | in[3] & CD);
    if (truncate) {
      writeCounts(out, 1, 0, 0, q.edns ? 1 : 0);
    } else {
      System.arraycopy(w, 4, out, 4, 8);
      if (q.edns) {
        Bytes.putU16(out, 10, Bytes.u16(w, 10) + 1);
      }
    }
    System.arraycopy(in, 12, out, 12, questionLength);
    int pos = 12 + questionLength;
    if (!truncate) {
      System.arraycopy(w, 12, out, pos, w.length - 12);
      pos += w.length - 12;
    }
    return q.edns ? writeOpt(in, q, out, pos, serverPayload, 0) : pos;
  }

  /**
   * Writes a response without records: the header with {@code rcode}, the question when it was
   * read, and OPT when the query had it. {@code aa} sets the authoritative bit.
   */
  public static int writeEmpty(byte[] in, ParsedQuery q, int rcode, boolean aa, byte[] out, int serverPayload) {
    out[0] = in[0];
    out[1] = in[1];
    out[2] = (byte) (QR | q.opcode << 3 | (aa ? 0x04 : 0) | in[2] & RD);
    out[3] = (byte) (rcode & 0xf | in[3] & CD);
    writeCounts(out, q.hasQuestion ? 1 : 0, 0, 0, q.edns ? 1 : 0);
    int pos = 12;
    if (q.hasQuestion) {
      int ql = q.questionEnd - 12;
      System.arraycopy(in, 12, out, 12, ql);
      pos += ql;
    }
    return q.edns ? writeOpt(in, q, out, pos, serverPayload, rcode >>> 4) : pos;
  }

  /** Turns a written response into its truncated form: question and OPT only, TC=1. */
  public static int truncate(byte[] in, ParsedQuery q, byte[] out, int serverPayload) {
    out[2] |= TC;
    writeCounts(out, q.hasQuestion ? 1 : 0, 0, 0, q.edns ? 1 : 0);
    int pos = q.hasQuestion ? q.questionEnd : 12;
    return q.edns ? writeOpt(in, q, out, pos, serverPayload, 0) : pos;
  }

  private static void writeCounts(byte[] out, int qd, int an, int ns, int ar) {
    Bytes.putU16(out, 4, qd);
    Bytes.putU16(out, 6, an);
    Bytes.putU16(out, 8, ns);
    Bytes.putU16(out, 10, ar);
  }

  private static int writeOpt(byte[] in, ParsedQuery q, byte[] out, int pos, int serverPayload, int extendedRcode) {
    out[pos] = 0;
    Bytes.putU16(out, pos + 1, QueryParser.TYPE_OPT);
    Bytes.putU16(out, pos + 3, serverPayload);
    out[pos + 5] = (byte) extendedRcode;
    out[pos + 6] = 0;
    out[pos + 7] = (byte) (q.dnssecOk ? 0x80 : 0);
    out[pos + 8] = 0;
    int rdlen = q.ecs ? 8 + q.ecsAddressLength : 0;
    Bytes.putU16(out, pos + 9, rdlen);
    pos += 11;
    if (q.ecs) {
      Bytes.putU16(out, pos, QueryParser.OPTION_ECS);
      Bytes.putU16(out, pos + 2, 4 + q.ecsAddressLength);
      Bytes.putU16(out, pos + 4, q.ecsFamily);
      out[pos + 6] = (byte) q.ecsSourcePrefix;
      out[pos + 7] = (byte) q.ecsScope;
      System.arraycopy(in, q.ecsAddressOffset, out, pos + 8, q.ecsAddressLength);
      pos += 8 + q.ecsAddressLength;
    }
    return pos;
  }
}
