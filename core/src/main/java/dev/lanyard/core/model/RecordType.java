package dev.lanyard.core.model;

import java.util.Locale;
import java.util.Optional;

/** The record types Lanyard derives from cluster objects. SOA and NS come from the zone config. */
public enum RecordType {
  A(1),
  AAAA(28),
  CNAME(5),
  TXT(16);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The RFC 1035 type code. */
  public int code() {
    return code;
  }

  public static Optional<RecordType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
