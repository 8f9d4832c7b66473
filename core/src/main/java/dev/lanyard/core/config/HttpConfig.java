package dev.lanyard.core.config;

import dev.lanyard.core.net.HostPort;
import java.util.Optional;

/** The HTTP endpoints (health, readiness, metrics, status page). Empty {@code listen} turns them off. */
public record HttpConfig(Optional<HostPort> listen) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);

  static HttpConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return new HttpConfig(Optional.of(DEFAULT_LISTEN));
    }
    n.expectObject();
    n.allowOnly("listen");
    if (n.has("listen") && n.get("listen").text().isEmpty()) {
      return new HttpConfig(Optional.empty());
    }
    return new HttpConfig(Optional.of(n.listenAddresses("listen").stream().findFirst().orElse(DEFAULT_LISTEN)));
  }
}
