package dev.lanyard.core.translate;

import dev.lanyard.core.inventory.Route;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which host names a route gets on which Gateways (Gateway API attachment): parentRef selection by
 * sectionName and port, the Accepted status check, protocol, allowedRoutes and hostname
 * intersection with each listener.
 */
final class RouteAttachments {

  /** The route answers {@code host} through {@code gateway}. */
  record Attachment(Route route, Gateway gateway, String host) {}

  private final Map<String, Gateway> gateways;
  private final Map<String, Map<String, String>> namespaceLabels;

  RouteAttachments(List<Gateway> gateways, List<Namespace> namespaces) {
    this.gateways = new java.util.HashMap<>();
    for (Gateway g : gateways) {
      this.gateways.put(Metadata.namespace(g.getMetadata()) + "/" + g.getMetadata().getName(), g);
    }
    this.namespaceLabels = new java.util.HashMap<>();
    for (Namespace n : namespaces) {
      Map<String, String> labels = new java.util.HashMap<>(Metadata.labels(n.getMetadata()));
      labels.putIfAbsent("kubernetes.io/metadata.name", n.getMetadata().getName());
      namespaceLabels.put(n.getMetadata().getName(), labels);
    }
  }

  List<Attachment> attach(Route route, Problems problems) {
    List<String> hosts = hosts(route, problems);
    Set<Attachment> out = new LinkedHashSet<>();
    if (route.parentRefs().isEmpty()) {
      problems.warn(route.ref(), "has no parentRefs, so no Gateway serves it");
    }
    for (ParentReference ref : route.parentRefs()) {
      Route.ParentKey key = Route.ParentKey.of(ref, route.namespace());
      if (!key.isGateway()) {
        continue;
      }
      String gwKey = key.namespace() + "/" + key.name();
      if (route.requireAccepted() && !route.acceptedParents().contains(key)) {
        problems.warn(route.ref(), "parent gateway " + gwKey + " has not accepted it (status.parents has no Accepted=True)");
        continue;
      }
      Gateway gateway = gateways.get(gwKey);
      if (gateway == null) {
        problems.warn(route.ref(), "parent gateway " + gwKey + " not found");
        continue;
      }
      List<String> reasons = new ArrayList<>();
      int before = out.size();
      for (Listener l : listeners(gateway)) {
        Optional<String> reason = rejects(route, key, gateway, l);
        if (reason.isPresent()) {
          reasons.add(reason.get());
          continue;
        }
        boolean hostMatched = false;
        for (String h : hosts) {
          Optional<String> result = HostnameMatch.intersect(l.getHostname(), h);
          if (result.isPresent() && !result.get().isEmpty()) {
            out.add(new Attachment(route, gateway, result.get()));
            hostMatched = true;
          }
        }
        if (!hostMatched) {
          reasons.add("listener " + l.getName() + ": no hostname of the route matches "
              + (l.getHostname() == null ? "(listener has no hostname and neither does the route)" : l.getHostname()));
        }
      }
      if (out.size() == before) {
        problems.warn(route.ref(), reasons.isEmpty()
            ? "gateway " + gwKey + " has no listeners (spec.listeners is empty), so nothing serves it"
            : "no listener of gateway " + gwKey + " takes it: " + String.join("; ", reasons));
      }
    }
    return new ArrayList<>(out);
  }

  /** spec.hostnames ("" when none: take the listener's) plus the hostname annotation, per gateway-hostname-source. */
  private static List<String> hosts(Route route, Problems problems) {
    Map<String, String> a = route.annotations();
    String source = Annotations.externalDns(a, Annotations.GATEWAY_HOSTNAME_SOURCE).orElse("");
    List<String> annotated = Annotations.externalDns(a, Annotations.HOSTNAME).map(Annotations::commaList).orElse(List.of());
    List<String> spec = route.hostnames();
    List<String> out = new ArrayList<>();
    switch (source) {
      case "annotation-only" -> out.addAll(annotated);
      case "defined-hosts-only" -> out.addAll(spec);
      default -> {
        if (!source.isEmpty()) {
          problems.warn(route.ref(), "unknown gateway-hostname-source \"" + source + "\"; using spec hostnames and the annotation");
        }
        if (spec.isEmpty()) {
          out.add("");
        } else {
          out.addAll(spec);
        }
        out.addAll(annotated);
      }
    }
    for (String h : out) {
      if (!h.isEmpty() && dev.lanyard.core.model.Hostnames.parse(h).isEmpty()) {
        problems.warn(route.ref(), "hostname \"" + h + "\" is not a valid DNS name; ignored");
      }
    }
    return out;
  }

  private static List<Listener> listeners(Gateway g) {
    return g.getSpec() == null || g.getSpec().getListeners() == null ? List.of() : g.getSpec().getListeners();
  }

  private Optional<String> rejects(Route route, Route.ParentKey key, Gateway gateway, Listener l) {
    String name = "listener " + l.getName();
    if (key.sectionName() != null && !key.sectionName().equals(l.getName())) {
      return Optional.of(name + ": sectionName is " + key.sectionName());
    }
    if (key.port() != null && !key.port().equals(l.getPort())) {
      return Optional.of(name + ": port " + l.getPort() + " is not " + key.port());
    }
    if (!protocolMatches(route.kind(), l.getProtocol())) {
      return Optional.of(name + ": protocol " + l.getProtocol() + " does not carry " + route.kind());
    }
    AllowedRoutes allowed = l.getAllowedRoutes();
    String from = allowed == null || allowed.getNamespaces() == null || allowed.getNamespaces().getFrom() == null
        ? "Same" : allowed.getNamespaces().getFrom();
    String gwNs = Metadata.namespace(gateway.getMetadata());
    switch (from) {
      case "All" -> { }
      case "Same" -> {
        if (!gwNs.equals(route.namespace())) {
          return Optional.of(name + ": allowedRoutes is Same namespace (" + gwNs + "), route is in " + route.namespace());
        }
      }
      case "Selector" -> {
        Map<String, String> labels = namespaceLabels.get(route.namespace());
        if (labels == null) {
          labels = Map.of("kubernetes.io/metadata.name", route.namespace());
        }
        if (!LabelSelectors.matches(allowed.getNamespaces().getSelector(), labels)) {
          return Optional.of(name + ": namespace " + route.namespace() + " does not match the allowedRoutes selector");
        }
      }
      default -> {
        return Optional.of(name + ": allowedRoutes.namespaces.from " + from + " is not Same, All or Selector");
      }
    }
    if (allowed != null && allowed.getKinds() != null && !allowed.getKinds().isEmpty()) {
      boolean ok = false;
      for (RouteGroupKind k : allowed.getKinds()) {
        String group = k.getGroup() == null ? "gateway.networking.k8s.io" : k.getGroup();
        if (group.equals("gateway.networking.k8s.io") && route.kind().equals(k.getKind())) {
          ok = true;
        }
      }
      if (!ok) {
        return Optional.of(name + ": allowedRoutes.kinds does not include " + route.kind());
      }
    }
    return Optional.empty();
  }

  static boolean protocolMatches(String routeKind, String protocol) {
    if (protocol == null) {
      return false;
    }
    return switch (routeKind) {
      case "HTTPRoute", "GRPCRoute" -> protocol.equals("HTTP") || protocol.equals("HTTPS");
      case "TLSRoute" -> protocol.equals("TLS");
      default -> false;
    };
  }
}
