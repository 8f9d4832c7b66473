package dev.lanyard.e2e.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The RBAC rules the rendered chart grants one ServiceAccount, with where each comes from. */
record RenderedRbac(List<Rule> rules) {

  /**
   * @param namespace empty for a ClusterRole bound by a ClusterRoleBinding (applies everywhere)
   * @param source e.g. {@code ClusterRole/lanyard} or {@code Role/network/lanyard-secrets}
   */
  record Rule(String source, Optional<String> namespace, List<String> groups, List<String> resources, List<String> verbs,
      List<String> resourceNames) {

    boolean allows(ApiRequest r) {
      if (r.nonResourcePath().isPresent()) {
        return false;
      }
      if (namespace.isPresent() && !namespace.equals(r.namespace())) {
        return false;
      }
      if (!matches(groups, r.group()) || !matches(resources, r.resource()) || !matches(verbs, r.verb())) {
        return false;
      }
      // As the API server: resourceNames only match requests that name the object (never create, list or watch).
      return resourceNames.isEmpty() || (r.name().isPresent() && resourceNames.contains(r.name().get())
          && !List.of("create", "list", "watch", "deletecollection").contains(r.verb()));
    }

    private static boolean matches(List<String> allowed, String value) {
      return allowed.contains("*") || allowed.contains(value);
    }
  }

  /** The rules of every Role and ClusterRole that a binding in {@code objects} gives to the ServiceAccount. */
  static RenderedRbac forServiceAccount(List<JsonNode> objects, String namespace, String name) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode binding : objects) {
      String kind = binding.path("kind").asText();
      if (!kind.equals("ClusterRoleBinding") && !kind.equals("RoleBinding")) {
        continue;
      }
      boolean ours = false;
      for (JsonNode s : binding.path("subjects")) {
        ours |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(name)
            && s.path("namespace").asText(binding.path("metadata").path("namespace").asText()).equals(namespace);
      }
      if (!ours) {
        continue;
      }
      String roleKind = binding.path("roleRef").path("kind").asText();
      String roleName = binding.path("roleRef").path("name").asText();
      Optional<String> scope = kind.equals("RoleBinding")
          ? Optional.of(binding.path("metadata").path("namespace").asText()) : Optional.empty();
      JsonNode role = objects.stream()
          .filter(o -> o.path("kind").asText().equals(roleKind) && o.path("metadata").path("name").asText().equals(roleName))
          .filter(o -> roleKind.equals("ClusterRole") || o.path("metadata").path("namespace").asText().equals(scope.orElse("")))
          .findFirst()
          .orElseThrow(() -> new AssertionError(kind + " " + binding.path("metadata").path("name").asText()
              + " refers to " + roleKind + " " + roleName + ", which the chart does not render"));
      String source = roleKind + "/" + (roleKind.equals("Role") ? scope.orElseThrow() + "/" : "") + roleName;
      for (JsonNode r : role.path("rules")) {
        rules.add(new Rule(source, scope, texts(r.path("apiGroups")), texts(r.path("resources")), texts(r.path("verbs")),
            texts(r.path("resourceNames"))));
      }
    }
    return new RenderedRbac(List.copyOf(rules));
  }

  Optional<Rule> allowing(ApiRequest r) {
    return rules.stream().filter(rule -> rule.allows(r)).findFirst();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
