package dev.lanyard.core.config;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-Gateway settings, keyed {@code namespace/name} in the config.
 *
 * @param views the views the Gateway's routes appear in; empty means "not set here"
 * @param addresses per-view address override: IPs, or one host name (answered as CNAME)
 */
public record GatewayConfig(List<String> views, Map<String, List<String>> addresses) {

  public GatewayConfig {
    views = List.copyOf(views);
    addresses = Map.copyOf(addresses);
  }

  public Optional<List<String>> addressesFor(String view) {
    return Optional.ofNullable(addresses.get(view));
  }

  static GatewayConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("views", "addresses");
    List<String> views = n.strings("views");
    Map<String, List<String>> addresses = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : n.entries("addresses").entrySet()) {
      ConfigNode a = e.getValue();
      List<String> values = a.isScalar() ? List.of(a.text()) : a.elements().stream().map(ConfigNode::text).toList();
      List<String> normalized = values.stream()
          .map(v -> IpAddresses.parse(v).map(IpAddresses::canonical).orElse(Hostnames.normalize(v)))
          .toList();
      long ips = normalized.stream().filter(v -> IpAddresses.parse(v).isPresent()).count();
      if (normalized.isEmpty()) {
        a.problem("needs at least one address");
      } else if (ips != normalized.size()) {
        if (normalized.size() > 1) {
          a.problem("must be IP addresses, or exactly one host name (a CNAME target), not " + values);
        } else if (!Hostnames.isValid(normalized.get(0)) || Hostnames.isWildcard(normalized.get(0))) {
          a.problem("\"" + values.get(0) + "\" is neither an IP address nor a host name");
        }
      }
      addresses.put(e.getKey(), normalized);
    }
    return new GatewayConfig(views, addresses);
  }
}
