package dev.lanyard.core.translate;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.inventory.Route;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Claims of Gateway API routes: each attached host answers with its Gateway's address in the Gateway's views. */
final class RouteRecords {
  private final LanyardConfig config;
  private final ViewAssignment views;
  private final RouteAttachments attachments;

  RouteRecords(LanyardConfig config, ViewAssignment views, RouteAttachments attachments) {
    this.config = config;
    this.views = views;
    this.attachments = attachments;
  }

  List<Contribution> claims(Route route, Problems problems) {
    if (Annotations.ignored(route.labels()) || Annotations.otherController(route.annotations())) {
      return List.of();
    }
    OptionalLong ttl = Targets.ttl(route.annotations(), route.ref(), problems);
    String created = route.metadata().getCreationTimestamp() == null ? "" : route.metadata().getCreationTimestamp();
    List<Contribution> out = new ArrayList<>();
    for (RouteAttachments.Attachment a : attachments.attach(route, problems)) {
      Gateway gw = a.gateway();
      String gwNs = Metadata.namespace(gw.getMetadata());
      Map<String, String> gwAnnotations = Metadata.annotations(gw.getMetadata());
      List<String> gatewayViews = views.forGateway(gwNs, gw.getMetadata().getName(), gwAnnotations, problems);
      Map<String, String> ps = new TreeMap<>(Annotations.providerSpecific(gwAnnotations));
      ps.putAll(Annotations.providerSpecific(route.annotations()));
      for (String view : views.narrowForRoute(gatewayViews, route.ref(), route.annotations(), problems)) {
        List<String> addresses = GatewayAddresses.forView(config, gw, view);
        if (addresses.isEmpty()) {
          problems.warn(ObjectRef.of("gateway", gwNs, gw.getMetadata().getName()),
              "has no address for view " + view + " (set status.addresses, spec.addresses, the "
                  + Annotations.CILIUM_IPS + " infrastructure annotation, or gateways.\"" + gwNs + "/"
                  + gw.getMetadata().getName() + "\".addresses." + view + " in the config); "
                  + a.host() + " is not served there");
          continue;
        }
        out.addAll(Targets.claims(view, a.host(), addresses, ttl, route.ref(), created, ps, problems));
      }
    }
    return out;
  }
}
