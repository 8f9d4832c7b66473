package dev.lanyard.core.config;

import dev.lanyard.core.net.Cidr;
import dev.lanyard.core.net.HostPort;
import java.util.List;

/**
 * One split-horizon view. A query is matched by the local listener it arrived on, then by client
 * address, then by EDNS Client Subnet when it comes from a trusted forwarder. The first matching
 * view wins; a view with no rule is the default.
 *
 * @param isPublic what the outside world sees: providers sync it, and the external-dns
 *     {@code target} annotation applies only here
 */
public record ViewConfig(
    String name, List<Cidr> clients, List<HostPort> listeners, List<Cidr> trustedForwarders, boolean isPublic) {

  public static final String DEFAULT_NAME = "default";

  public ViewConfig {
    clients = List.copyOf(clients);
    listeners = List.copyOf(listeners);
    trustedForwarders = List.copyOf(trustedForwarders);
  }

  /** The single view used when the config defines none. */
  public static ViewConfig implicitDefault() {
    return new ViewConfig(DEFAULT_NAME, List.of(), List.of(), List.of(), false);
  }

  public boolean isDefault() {
    return clients.isEmpty() && listeners.isEmpty() && trustedForwarders.isEmpty();
  }

  static ViewConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("name", "clients", "listeners", "trustedForwarders", "public");
    String name = n.requiredString("name");
    if (!name.isEmpty() && !name.matches("[a-z0-9]([a-z0-9_-]*[a-z0-9])?")) {
      n.get("name").problem("\"" + name + "\" must be lower-case letters, digits, '-' or '_'");
    }
    return new ViewConfig(name, n.cidrs("clients"), n.listenAddresses("listeners"), n.cidrs("trustedForwarders"),
        n.bool("public", false));
  }
}
