package dev.lanyard.e2e.rbac;

import dev.lanyard.e2e.support.KubeApi;
import java.util.List;
import java.util.Optional;

/**
 * An API request as RBAC sees it: the verb, API group and resource, namespace and name, derived from
 * the HTTP method and path the way the API server's request-info resolver does.
 *
 * @param group "" for the core group
 * @param namespace empty for cluster-scoped requests
 * @param nonResourcePath set for requests outside /api and /apis resources (discovery, /version)
 */
record ApiRequest(String verb, String group, String resource, Optional<String> namespace, Optional<String> name,
    Optional<String> nonResourcePath) {

  static ApiRequest of(KubeApi.Call call) {
    String path = call.path();
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    List<String> seg = List.of((q < 0 ? path : path.substring(0, q)).replaceAll("^/+|/+$", "").split("/"));
    int i;
    String group;
    if (seg.size() >= 3 && seg.get(0).equals("api")) {
      group = "";
      i = 2;
    } else if (seg.size() >= 4 && seg.get(0).equals("apis")) {
      group = seg.get(1);
      i = 3;
    } else {
      return new ApiRequest(call.method().toLowerCase(), "", "", Optional.empty(), Optional.empty(), Optional.of(path));
    }
    Optional<String> namespace = Optional.empty();
    if (seg.get(i).equals("namespaces") && seg.size() >= i + 3) {
      namespace = Optional.of(seg.get(i + 1));
      i += 2;
    }
    String resource = seg.get(i);
    Optional<String> name = seg.size() > i + 1 ? Optional.of(seg.get(i + 1)) : Optional.empty();
    if (seg.size() > i + 2) {
      resource = resource + "/" + seg.get(i + 2);
    }
    boolean watch = List.of(query.split("&")).stream().anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    String verb = switch (call.method()) {
      case "GET", "HEAD" -> watch ? "watch" : name.isPresent() ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name.isPresent() ? "delete" : "deletecollection";
      default -> call.method().toLowerCase();
    };
    return new ApiRequest(verb, group, resource, namespace, name, Optional.empty());
  }

  /** e.g. {@code patch coordination.k8s.io/leases dns-leases/edge-leader}. */
  @Override
  public String toString() {
    if (nonResourcePath.isPresent()) {
      return verb + " " + nonResourcePath.get();
    }
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " "
        + namespace.map(n -> n + "/").orElse("(cluster)/") + name.orElse("*");
  }
}
