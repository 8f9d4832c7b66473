package dev.lanyard.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 prefix such as {@code 192.168.0.0/16}. A bare address is a host prefix. */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    int max = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
    }
    network = masked(network, prefixLength);
  }

  /** Parses {@code a.b.c.d/n}, {@code x::y/n} or a bare address; empty when the text is not a CIDR. */
  public static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    Optional<InetAddress> ip = IpAddresses.parse(addr);
    if (ip.isEmpty()) {
      return Optional.empty();
    }
    int max = ip.get().getAddress().length * 8;
    int len = max;
    if (slash >= 0) {
      String lenText = s.substring(slash + 1);
      if (lenText.isEmpty() || lenText.length() > 3 || !lenText.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      len = Integer.parseInt(lenText);
      if (len > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(ip.get(), len));
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      if (a.length == 16 && n.length == 4 && isV4Mapped(a)) {
        byte[] v4 = new byte[4];
        System.arraycopy(a, 12, v4, 0, 4);
        a = v4;
      } else {
        return false;
      }
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (n[full] & mask);
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] b = address.getAddress();
    for (int i = 0; i < b.length; i++) {
      int bits = Math.max(0, Math.min(8, prefixLength - i * 8));
      b[i] = (byte) (b[i] & (0xff << (8 - bits)));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
