package dev.lanyard.dns.wire;

/**
 * A precomputed response without its question: the 12-byte header (ID 0, counts filled in) and
 * every section after the question. At query time the ID, the RD and CD bits and the query's own
 * question bytes are put in, and an OPT record is appended when the query had EDNS.
 *
 * <p>An exact template compresses names against the question, so it fits only a question of the
 * same length (the name it was built for, in any case). A relocatable template points only at
 * offset 12, so it fits any question: wildcard and negative answers use those.
 */
public record Template(byte[] wire, int rcode) {

  public int tailLength() {
    return wire.length - 12;
  }
}
