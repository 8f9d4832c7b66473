package dev.lanyard.core.inventory;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HTTPRoute, GRPCRoute or TLSRoute reduced to what DNS needs; the three kinds attach to
 * Gateways the same way.
 *
 * @param kind {@code HTTPRoute}, {@code GRPCRoute} or {@code TLSRoute}
 * @param acceptedParents keys ({@link ParentKey}) of the parents whose {@code status.parents}
 *     entry says {@code Accepted=True}
 * @param requireAccepted whether this route's source demands that status (Kubernetes: yes; git: no)
 */
public record Route(
    String kind,
    ObjectMeta metadata,
    List<ParentReference> parentRefs,
    List<String> hostnames,
    Set<ParentKey> acceptedParents,
    boolean requireAccepted) {

  public Route {
    parentRefs = List.copyOf(parentRefs);
    hostnames = List.copyOf(hostnames);
    acceptedParents = Set.copyOf(acceptedParents);
  }

  public static Route of(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute r, boolean requireAccepted) {
    var spec = r.getSpec();
    return of("HTTPRoute", r.getMetadata(), spec == null ? null : spec.getParentRefs(), spec == null ? null : spec.getHostnames(),
        r.getStatus() == null ? null : r.getStatus().getParents(), requireAccepted);
  }

  public static Route of(io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute r, boolean requireAccepted) {
    var spec = r.getSpec();
    return of("GRPCRoute", r.getMetadata(), spec == null ? null : spec.getParentRefs(), spec == null ? null : spec.getHostnames(),
        r.getStatus() == null ? null : r.getStatus().getParents(), requireAccepted);
  }

  public static Route of(io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute r, boolean requireAccepted) {
    var spec = r.getSpec();
    return of("TLSRoute", r.getMetadata(), spec == null ? null : spec.getParentRefs(), spec == null ? null : spec.getHostnames(),
        r.getStatus() == null ? null : r.getStatus().getParents(), requireAccepted);
  }

  private static Route of(
      String kind,
      ObjectMeta meta,
      List<ParentReference> parentRefs,
      List<String> hostnames,
      List<io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus> parents,
      boolean requireAccepted) {
    String ns = meta.getNamespace() == null || meta.getNamespace().isEmpty() ? "default" : meta.getNamespace();
    java.util.Set<ParentKey> accepted = new java.util.HashSet<>();
    if (parents != null) {
      for (var p : parents) {
        boolean ok = p.getParentRef() != null && p.getConditions() != null && p.getConditions().stream()
            .anyMatch(c -> "Accepted".equals(c.getType()) && "True".equals(c.getStatus()));
        if (ok) {
          accepted.add(ParentKey.of(p.getParentRef(), ns));
        }
      }
    }
    return new Route(kind, meta, parentRefs == null ? List.of() : parentRefs,
        hostnames == null ? List.of() : hostnames.stream().filter(java.util.Objects::nonNull).toList(), accepted, requireAccepted);
  }

  public String namespace() {
    return metadata.getNamespace() == null ? "default" : metadata.getNamespace();
  }

  public String name() {
    return metadata.getName();
  }

  public Map<String, String> annotations() {
    return metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
  }

  public Map<String, String> labels() {
    return metadata.getLabels() == null ? Map.of() : metadata.getLabels();
  }

  public ObjectRef ref() {
    return ObjectRef.of(kind, namespace(), name());
  }

  /**
   * Identifies a parent reference with defaults applied (group {@code gateway.networking.k8s.io},
   * kind {@code Gateway}, namespace of the route), so spec and status entries can be compared.
   */
  public record ParentKey(String group, String kind, String namespace, String name, String sectionName, Integer port) {

    public static ParentKey of(ParentReference ref, String routeNamespace) {
      return new ParentKey(
          ref.getGroup() == null ? "gateway.networking.k8s.io" : ref.getGroup(),
          ref.getKind() == null ? "Gateway" : ref.getKind(),
          ref.getNamespace() == null || ref.getNamespace().isEmpty() ? routeNamespace : ref.getNamespace(),
          ref.getName(),
          ref.getSectionName() == null || ref.getSectionName().isEmpty() ? null : ref.getSectionName(),
          ref.getPort());
    }

    public boolean isGateway() {
      return group.equals("gateway.networking.k8s.io") && kind.equals("Gateway");
    }
  }
}
