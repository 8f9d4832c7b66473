package dev.lanyard.dns.query;

import dev.lanyard.dns.wire.ParsedQuery;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The mutable state one receiving thread (or one TCP connection) reuses for every query: the
 * parsed query, the response buffer, and what it last learned about a client address. Not
 * thread-safe; each thread has its own.
 */
public final class Worker {
  /** Largest DNS message (TCP); UDP answers are cut to the negotiated size. */
  public static final int MAX_MESSAGE = 65_535;

  final ParsedQuery query = new ParsedQuery();
  final byte[] out = new byte[MAX_MESSAGE];
  private final byte[] in = new byte[MAX_MESSAGE];

  private InetSocketAddress lastRemote;
  final byte[] remote = new byte[16];
  int remoteLength;
  InetAddress remoteAddress;
  /** Address rules for the current remote, valid when {@link #rulesKnown}. */
  int clientView;
  boolean trustedForwarder;
  boolean rulesKnown;

  /** A buffer a whole incoming message fits in, for transports that read into one. */
  public byte[] input() {
    return in;
  }

  /**
   * Takes note of the client. The JDK hands back the same address object for a repeated sender,
   * and a new port on a known address keeps what was learned, so only a new address costs work.
   */
  void observe(InetSocketAddress r) {
    if (r == lastRemote) {
      return;
    }
    if (lastRemote != null && r.getAddress().equals(remoteAddress)) {
      lastRemote = r;
      return;
    }
    lastRemote = r;
    remoteAddress = r.getAddress();
    byte[] a = remoteAddress.getAddress();
    System.arraycopy(a, 0, remote, 0, a.length);
    remoteLength = a.length;
    rulesKnown = false;
  }
}
