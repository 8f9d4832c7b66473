package dev.lanyard.dns.wire;

/**
 * The precomputed answers for one name: one template per query type that has a positive answer,
 * and a fallback for every other type (the CNAME chain when the name is an alias). Without a
 * fallback, other types get the zone's NODATA; keeping the SOA out of the node lets an unchanged
 * name keep its node when the serial changes.
 */
public final class AnswerNode {
  private final int[] types;
  private final Template[] templates;
  private final Template fallback;

  public AnswerNode(int[] types, Template[] templates, Template fallback) {
    if (types.length != templates.length) {
      throw new IllegalArgumentException("types and templates differ in length");
    }
    this.types = types.clone();
    this.templates = templates.clone();
    this.fallback = fallback;
  }

  /** The template for {@code qtype}, or null when the zone's NODATA applies. */
  public Template forType(int qtype) {
    int[] t = types;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == qtype) {
        return templates[i];
      }
    }
    return fallback;
  }

  /** Bytes held by this node's templates, for memory accounting in benchmarks. */
  public long templateBytes() {
    long n = 0;
    for (Template t : templates) {
      n += t.wire().length;
    }
    return n;
  }
}
