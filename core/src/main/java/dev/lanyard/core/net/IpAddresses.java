package dev.lanyard.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP literals without ever touching a resolver. */
public final class IpAddresses {
  private IpAddresses() {}

  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.indexOf(':') >= 0) {
      if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return Optional.empty();
      }
    } else if (!isDottedQuad(s)) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public static boolean isIpv4(String text) {
    return parse(text).filter(a -> a instanceof Inet4Address).isPresent();
  }

  public static boolean isIpv6(String text) {
    return parse(text).filter(a -> a instanceof Inet6Address).isPresent();
  }

  /** The canonical text of an IP literal ({@code 2001:db8::1}, not {@code 2001:db8:0:0:0:0:0:1}). */
  public static String canonical(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      return compress(v6.getAddress());
    }
    return address.getHostAddress();
  }

  private static boolean isDottedQuad(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static String compress(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] == 0) {
        int j = i;
        while (j < 8 && groups[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      sb.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
