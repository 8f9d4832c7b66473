package dev.lanyard.dns.wire;

import java.util.Locale;

/** Response codes as the metrics and logs name them. */
public final class Rcodes {
  public static final int NOERROR = 0;
  public static final int FORMERR = 1;
  public static final int SERVFAIL = 2;
  public static final int NXDOMAIN = 3;
  public static final int NOTIMP = 4;
  public static final int REFUSED = 5;
  public static final int NOTAUTH = 9;
  /** Extended rcode (RFC 6891): header 0, OPT extended rcode 1. */
  public static final int BADVERS = 16;

  /** The highest rcode the metrics keep apart; anything above is counted as "other". */
  public static final int TRACKED = 24;

  private Rcodes() {}

  public static String name(int rcode) {
    return rcode >= TRACKED ? "OTHER" : org.xbill.DNS.Rcode.string(rcode).toUpperCase(Locale.ROOT);
  }
}
