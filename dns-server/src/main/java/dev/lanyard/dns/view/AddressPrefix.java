package dev.lanyard.dns.view;

import dev.lanyard.core.net.Cidr;

/** A CIDR matched against raw address bytes, so that matching allocates nothing. */
record AddressPrefix(byte[] network, int length) {

  static AddressPrefix of(Cidr cidr) {
    return new AddressPrefix(cidr.network().getAddress(), cidr.prefixLength());
  }

  int family() {
    return network.length == 4 ? 1 : 2;
  }

  /** True when {@code addr[off, off+len)} lies in this prefix; IPv4-mapped IPv6 matches IPv4. */
  boolean contains(byte[] addr, int off, int len) {
    if (len == 16 && network.length == 4 && isV4Mapped(addr, off)) {
      off += 12;
      len = 4;
    }
    if (len != network.length) {
      return false;
    }
    return commonPrefix(addr, off, length) >= length;
  }

  /**
   * True when the client subnet {@code addr/sourcePrefix} (family-sized, trailing bytes may be
   * missing) lies entirely in this prefix.
   */
  boolean containsSubnet(int family, byte[] addr, int off, int addrLen, int sourcePrefix) {
    return family == family() && sourcePrefix >= length && commonPrefix(addr, off, addrLen, length) >= length;
  }

  /** Number of leading bits {@code addr} shares with the network, up to {@code max}. */
  int commonPrefix(byte[] addr, int off, int max) {
    return commonPrefix(addr, off, network.length, max);
  }

  int commonPrefix(byte[] addr, int off, int addrLen, int max) {
    int bits = 0;
    for (int i = 0; i < network.length && bits < max; i++) {
      int a = i < addrLen ? addr[off + i] & 0xff : 0;
      int x = a ^ network[i] & 0xff;
      if (x == 0) {
        bits += 8;
      } else {
        bits += Integer.numberOfLeadingZeros(x) - 24;
        break;
      }
    }
    return Math.min(bits, max);
  }

  private static boolean isV4Mapped(byte[] a, int off) {
    for (int i = 0; i < 10; i++) {
      if (a[off + i] != 0) {
        return false;
      }
    }
    return a[off + 10] == (byte) 0xff && a[off + 11] == (byte) 0xff;
  }
}
