package dev.lanyard.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A listen or target address: {@code 0.0.0.0:53}, {@code [::1]:5353}, {@code ns1.example.com:53}. */
public record HostPort(String host, int port) {

  public HostPort {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
  }

  /** Parses {@code host:port}; with {@code defaultPort >= 0} the port may be left out. */
  public static Optional<HostPort> parse(String text, int defaultPort) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.trim();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        return Optional.empty();
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0 && s.indexOf(':') != colon) {
        host = s; // bare IPv6 without brackets: no port
      } else if (colon >= 0) {
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    int p;
    if (port == null) {
      if (defaultPort < 0) {
        return Optional.empty();
      }
      p = defaultPort;
    } else {
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      p = Integer.parseInt(port);
      if (p > 65535) {
        return Optional.empty();
      }
    }
    return Optional.of(new HostPort(host, p));
  }

  /** The IP literal of the host, when it is one. */
  public Optional<InetAddress> address() {
    return IpAddresses.parse(host);
  }

  /** A socket address; host names are resolved here, so call this at the edges only. */
  public InetSocketAddress toSocketAddress() {
    return address().map(a -> new InetSocketAddress(a, port)).orElseGet(() -> new InetSocketAddress(host, port));
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
