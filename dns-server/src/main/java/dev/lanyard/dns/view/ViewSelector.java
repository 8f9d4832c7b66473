package dev.lanyard.dns.view;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.ViewConfig;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.dns.wire.ParsedQuery;
import java.net.InetAddress;
import java.util.List;

/**
 * Chooses the view of a query. Rules are tried in this order, each over the views in config
 * order, and the first match wins:
 *
 * <ol>
 *   <li>the listener the query arrived on (a {@code 0.0.0.0} or {@code ::} listener host matches
 *       any local address on its port);
 *   <li>the client address against the views' {@code clients};
 *   <li>when the client is one of a view's {@code trustedForwarders} and sent EDNS Client Subnet:
 *       that subnet against the same view's {@code clients} (RFC 7871), and the answer's scope
 *       prefix says how far the choice holds;
 *   <li>the default view (the one without rules); with none, the query is refused.
 * </ol>
 *
 * <p>A forwarder whose own address is in some view's {@code clients} is matched by rule 2: list
 * forwarders in {@code trustedForwarders} only, not in {@code clients}, when their ECS should count.
 */
public final class ViewSelector {
  public static final int NONE = -1;

  private final int[] listenerViews;
  private final AddressPrefix[][] clients;
  private final AddressPrefix[][] forwarders;
  private final int defaultView;

  /** {@code listeners}: the server's sockets, as {@link LanyardConfig#allListeners()} lists them. */
  public ViewSelector(LanyardConfig config, List<HostPort> listeners) {
    List<ViewConfig> views = config.views();
    listenerViews = new int[listeners.size()];
    for (int i = 0; i < listeners.size(); i++) {
      listenerViews[i] = NONE;
      for (int v = 0; v < views.size() && listenerViews[i] == NONE; v++) {
        for (HostPort l : views.get(v).listeners()) {
          if (matches(l, listeners.get(i))) {
            listenerViews[i] = v;
            break;
          }
        }
      }
    }
    clients = new AddressPrefix[views.size()][];
    forwarders = new AddressPrefix[views.size()][];
    for (int v = 0; v < views.size(); v++) {
      clients[v] = views.get(v).clients().stream().map(AddressPrefix::of).toArray(AddressPrefix[]::new);
      forwarders[v] = views.get(v).trustedForwarders().stream().map(AddressPrefix::of).toArray(AddressPrefix[]::new);
    }
    defaultView = config.defaultView().map(d -> views.indexOf(d)).orElse(NONE);
  }

  private static boolean matches(HostPort rule, HostPort socket) {
    if (rule.equals(socket)) {
      return true;
    }
    if (rule.port() != socket.port()) {
      return false;
    }
    InetAddress r = rule.address().orElse(null);
    InetAddress s = socket.address().orElse(null);
    if (r != null && r.isAnyLocalAddress()) {
      return true;
    }
    return r != null && r.equals(s);
  }

  /** The view bound to a listener (by its index in the server's listener list), or {@link #NONE}. */
  public int listenerView(int listener) {
    return listener >= 0 && listener < listenerViews.length ? listenerViews[listener] : NONE;
  }

  public int clientView(byte[] addr, int len) {
    for (int v = 0; v < clients.length; v++) {
      for (AddressPrefix p : clients[v]) {
        if (p.contains(addr, 0, len)) {
          return v;
        }
      }
    }
    return NONE;
  }

  /** True when some view trusts this client's EDNS Client Subnet. */
  public boolean trustedForwarder(byte[] addr, int len) {
    for (AddressPrefix[] fs : forwarders) {
      for (AddressPrefix p : fs) {
        if (p.contains(addr, 0, len)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Rule 3 for a query from a trusted forwarder that carries ECS: returns the matching view or
   * {@link #NONE}, and sets {@code q.ecsScope} to the longest prefix on which the choice depends.
   */
  public int ecsView(byte[] remote, int remoteLen, byte[] packet, ParsedQuery q) {
    if (q.ecsSourcePrefix == 0) {
      q.ecsScope = 0;
      return NONE;
    }
    int chosen = NONE;
    int scope = 0;
    for (int v = 0; v < clients.length; v++) {
      if (!trusts(v, remote, remoteLen)) {
        continue;
      }
      for (AddressPrefix p : clients[v]) {
        if (p.family() != q.ecsFamily) {
          continue;
        }
        int common = p.commonPrefix(packet, q.ecsAddressOffset, q.ecsAddressLength, p.length());
        scope = Math.max(scope, Math.min(p.length(), common + 1));
        if (chosen == NONE && p.containsSubnet(q.ecsFamily, packet, q.ecsAddressOffset, q.ecsAddressLength,
            q.ecsSourcePrefix)) {
          chosen = v;
        }
      }
    }
    q.ecsScope = scope;
    return chosen;
  }

  private boolean trusts(int view, byte[] addr, int len) {
    for (AddressPrefix p : forwarders[view]) {
      if (p.contains(addr, 0, len)) {
        return true;
      }
    }
    return false;
  }

  public int defaultView() {
    return defaultView;
  }

  /** Convenience for the slow path and tests: the whole rule chain for one query. */
  public int select(int listener, byte[] remote, int remoteLen, byte[] packet, ParsedQuery q) {
    int v = listenerView(listener);
    if (v != NONE) {
      return v;
    }
    v = clientView(remote, remoteLen);
    if (v != NONE) {
      return v;
    }
    if (q.ecs && trustedForwarder(remote, remoteLen)) {
      v = ecsView(remote, remoteLen, packet, q);
      if (v != NONE) {
        return v;
      }
    }
    return defaultView;
  }
}
