package dev.lanyard.acme.dns;

import java.net.InetSocketAddress;

/**
 * A server asked about challenge records.
 *
 * @param name how the user knows it: an NS host name, or the configured {@code host:port}
 */
public record Nameserver(String name, InetSocketAddress address) {

  @Override
  public String toString() {
    String where = address.getAddress() == null
        ? address.getHostString() + ":" + address.getPort()
        : address.getAddress().getHostAddress() + ":" + address.getPort();
    return name.equals(where) ? name : name + " (" + where + ")";
  }
}
