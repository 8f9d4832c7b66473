package dev.lanyard.dns.wire;

/**
 * One query as read straight from the packet: header, question and EDNS. A worker owns one and
 * reuses it for every query, so parsing allocates nothing.
 */
public final class ParsedQuery {
  /** Longest name on the wire (RFC 1035), including the root label. */
  public static final int MAX_NAME = 255;

  public int id;
  /** The second header word: QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE. */
  public int flags;
  public int opcode;
  /** True once the question was read, so an error answer can repeat it. */
  public boolean hasQuestion;
  /** Offset just after QCLASS; the question is {@code packet[12, questionEnd)}. */
  public int questionEnd;
  public int qtype;
  public int qclass;

  /** The query name, lower-cased, in wire form, at offset 0; the array has room for the wildcard trick. */
  public final byte[] name = new byte[MAX_NAME + 2];
  public int nameLength;
  /** Where each label starts in {@link #name}; the root label is not listed. */
  public final int[] labelStarts = new int[128];
  public int labelCount;

  public boolean edns;
  public int ednsPayload;
  public int ednsVersion;
  public boolean dnssecOk;

  public boolean ecs;
  public int ecsFamily;
  public int ecsSourcePrefix;
  /** Where the ECS address bytes sit in the packet, to echo them. */
  public int ecsAddressOffset;
  public int ecsAddressLength;
  /** The scope prefix to answer with (RFC 7871), set by view selection. */
  public int ecsScope;

  public void reset() {
    hasQuestion = false;
    questionEnd = 12;
    nameLength = 0;
    labelCount = 0;
    edns = false;
    ednsPayload = 0;
    ednsVersion = 0;
    dnssecOk = false;
    ecs = false;
    ecsScope = 0;
  }

  public boolean recursionDesired() {
    return (flags & 0x0100) != 0;
  }

  /** Length of the OPT record the response will carry, 0 without EDNS. */
  public int optLength() {
    if (!edns) {
      return 0;
    }
    return 11 + (ecs ? 8 + ecsAddressLength : 0);
  }
}
