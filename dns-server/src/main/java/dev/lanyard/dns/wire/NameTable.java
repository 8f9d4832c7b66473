package dev.lanyard.dns.wire;

import java.util.Arrays;

/**
 * An open-addressing hash table from lower-cased wire names to {@link AnswerNode}s, looked up by a
 * slice of a byte array so that queries allocate nothing. Immutable once built.
 */
public final class NameTable {
  private final byte[][] keys;
  private final AnswerNode[] values;
  private final int mask;
  private final int size;

  private NameTable(byte[][] keys, AnswerNode[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.mask = keys.length - 1;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public AnswerNode get(byte[] b, int off, int len) {
    int i = hash(b, off, len) & mask;
    while (true) {
      byte[] k = keys[i];
      if (k == null) {
        return null;
      }
      if (k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
        return values[i];
      }
      i = i + 1 & mask;
    }
  }

  static int hash(byte[] b, int off, int len) {
    int h = 0x811c9dc5;
    for (int i = off, end = off + len; i < end; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    return h ^ h >>> 15;
  }

  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  /** Collects entries; keys must be lower-cased wire names and unique. */
  public static final class Builder {
    private final byte[][] keys;
    private final AnswerNode[] values;
    private final int mask;
    private int size;

    private Builder(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected * 2 + 1) - 1) << 1;
      keys = new byte[cap][];
      values = new AnswerNode[cap];
      mask = cap - 1;
    }

    public Builder put(byte[] key, AnswerNode node) {
      if (size * 2 >= keys.length) {
        throw new IllegalStateException("name table sized for fewer entries");
      }
      int i = hash(key, 0, key.length) & mask;
      while (keys[i] != null) {
        if (Arrays.equals(keys[i], key)) {
          throw new IllegalArgumentException("duplicate name in table");
        }
        i = i + 1 & mask;
      }
      keys[i] = key;
      values[i] = node;
      size++;
      return this;
    }

    public NameTable build() {
      return new NameTable(keys, values, size);
    }
  }
}
