package dev.lanyard.e2e.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.e2e.support.KubeApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link ChartRbacTest} reads requests and rules: as the API server's authorizer does. */
class RbacRulesTest {
  static final String RBAC = """
      kind: Role
      apiVersion: rbac.authorization.k8s.io/v1
      metadata: {name: leader, namespace: dns}
      rules:
        - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [create]}
        - {apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [lanyard], verbs: [get, update, patch]}
      ---
      kind: RoleBinding
      apiVersion: rbac.authorization.k8s.io/v1
      metadata: {name: leader, namespace: dns}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: leader}
      subjects: [{kind: ServiceAccount, name: lanyard, namespace: dns}]
      ---
      kind: ClusterRole
      apiVersion: rbac.authorization.k8s.io/v1
      metadata: {name: lanyard}
      rules:
        - {apiGroups: [""], resources: [services, namespaces], verbs: [get, list, watch]}
      ---
      kind: ClusterRoleBinding
      apiVersion: rbac.authorization.k8s.io/v1
      metadata: {name: lanyard}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: lanyard}
      subjects: [{kind: ServiceAccount, name: lanyard, namespace: dns}]
      ---
      kind: ClusterRoleBinding
      apiVersion: rbac.authorization.k8s.io/v1
      metadata: {name: someone-else}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: lanyard}
      subjects: [{kind: ServiceAccount, name: other, namespace: dns}]
      """;

  @Test
  void requestsMapToVerbsGroupsResourcesNamespacesAndNames() {
    assertThat(request("GET", "/api/v1/services?resourceVersion=0")).hasToString("list core/services (cluster)/*");
    assertThat(request("GET", "/api/v1/namespaces/apps/services?allowWatchBookmarks=true&watch=true"))
        .hasToString("watch core/services apps/*");
    assertThat(request("GET", "/api/v1/namespaces")).hasToString("list core/namespaces (cluster)/*");
    assertThat(request("GET", "/api/v1/namespaces/apps")).hasToString("get core/namespaces (cluster)/apps");
    assertThat(request("POST", "/apis/coordination.k8s.io/v1/namespaces/dns/leases"))
        .hasToString("create coordination.k8s.io/leases dns/*");
    assertThat(request("PATCH", "/apis/coordination.k8s.io/v1/namespaces/dns/leases/lanyard"))
        .hasToString("patch coordination.k8s.io/leases dns/lanyard");
    assertThat(request("PUT", "/api/v1/namespaces/net/secrets/web-tls")).hasToString("update core/secrets net/web-tls");
    assertThat(request("GET", "/version")).hasToString("get /version");
  }

  @Test
  void rulesAllowOnlyWhatTheyNameInTheirNamespaceForTheirServiceAccount() throws Exception {
    List<JsonNode> objects = new ArrayList<>();
    try (var it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(RBAC)) {
      it.forEachRemaining(objects::add);
    }
    RenderedRbac rbac = RenderedRbac.forServiceAccount(objects, "dns", "lanyard");
    assertThat(rbac.allowing(request("POST", "/apis/coordination.k8s.io/v1/namespaces/dns/leases"))).isPresent();
    assertThat(rbac.allowing(request("PATCH", "/apis/coordination.k8s.io/v1/namespaces/dns/leases/lanyard")))
        .hasValueSatisfying(r -> assertThat(r.source()).isEqualTo("Role/dns/leader"));
    assertThat(rbac.allowing(request("PATCH", "/apis/coordination.k8s.io/v1/namespaces/dns/leases/other")))
        .as("another Lease's name").isEmpty();
    assertThat(rbac.allowing(request("GET", "/apis/coordination.k8s.io/v1/namespaces/dns/leases")))
        .as("list is not get, even with resourceNames").isEmpty();
    assertThat(rbac.allowing(request("PATCH", "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/lanyard")))
        .as("the Role's namespace only").isEmpty();
    assertThat(rbac.allowing(request("GET", "/api/v1/namespaces/apps/services?watch=true"))).isPresent();
    assertThat(rbac.allowing(request("DELETE", "/api/v1/namespaces/apps/services/web"))).isEmpty();
    assertThat(rbac.allowing(request("GET", "/api/v1/namespaces/apps/secrets/web"))).isEmpty();
    assertThat(rbac.allowing(request("GET", "/version"))).as("non-resource URLs are not granted").isEmpty();
    assertThat(RenderedRbac.forServiceAccount(objects, "dns", "nobody").rules()).isEmpty();
  }

  private static ApiRequest request(String method, String path) {
    return ApiRequest.of(new KubeApi.Call(method, path, KubeApi.TOKEN));
  }
}
