package dev.lanyard.core.translate;

import dev.lanyard.core.config.GatewayConfig;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which views an object's records land in. Gateways: the config's {@code gateways} entry, else the
 * Gateway's {@code lanyard.dev/views} annotation, else every non-public view. Services, Ingresses
 * and DNSEndpoints: their annotation, else every non-public view, so a LAN address is never
 * published by accident.
 */
final class ViewAssignment {
  private final LanyardConfig config;

  ViewAssignment(LanyardConfig config) {
    this.config = config;
  }

  List<String> forGateway(String namespace, String name, Map<String, String> annotations, Problems problems) {
    GatewayConfig gc = config.gateways().get(namespace + "/" + name);
    if (gc != null && !gc.views().isEmpty()) {
      return gc.views();
    }
    return fromAnnotation(annotations, ObjectRef.of("gateway", namespace, name), problems)
        .orElseGet(config::nonPublicViews);
  }

  List<String> forObject(ObjectRef ref, Map<String, String> annotations, Problems problems) {
    return fromAnnotation(annotations, ref, problems).orElseGet(config::nonPublicViews);
  }

  /** The route's own annotation narrows its Gateway's views. */
  List<String> narrowForRoute(List<String> gatewayViews, ObjectRef route, Map<String, String> annotations, Problems problems) {
    Optional<List<String>> own = fromAnnotation(annotations, route, problems);
    if (own.isEmpty()) {
      return gatewayViews;
    }
    List<String> out = new ArrayList<>(gatewayViews);
    out.retainAll(own.get());
    return out;
  }

  private Optional<List<String>> fromAnnotation(Map<String, String> annotations, ObjectRef ref, Problems problems) {
    String raw = annotations.get(Annotations.LANYARD_VIEWS);
    if (raw == null) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (String v : Annotations.commaList(raw)) {
      if (config.view(v).isPresent()) {
        out.add(v);
      } else {
        problems.warn(ref, Annotations.LANYARD_VIEWS + " names unknown view \"" + v + "\" (views: " + config.viewNames() + ")");
      }
    }
    return Optional.of(out);
  }
}
