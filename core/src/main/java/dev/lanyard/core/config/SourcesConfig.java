package dev.lanyard.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where the inventory comes from: a folder of manifests, the Kubernetes API, or both. */
public record SourcesConfig(Manifests manifests, Kubernetes kubernetes, ServiceNames serviceNames) {

  /**
   * A GitOps folder read recursively. {@code vars} is a {@code KEY=value} file or a ConfigMap YAML
   * whose data fills {@code ${VAR}} as Flux {@code postBuild.substituteFrom} does.
   */
  public record Manifests(List<Path> paths, Optional<Path> vars, boolean requireAcceptedRoutes) {
    public Manifests {
      paths = List.copyOf(paths);
    }

    public boolean enabled() {
      return !paths.isEmpty();
    }
  }

  /** Informers on a cluster; empty namespaces means all. */
  public record Kubernetes(
      boolean enabled,
      Optional<Path> kubeconfig,
      Optional<String> context,
      List<String> namespaces,
      boolean requireAcceptedRoutes) {
    public Kubernetes {
      namespaces = List.copyOf(namespaces);
    }
  }

  /**
   * {@code IMPLICIT}: a LoadBalancer Service without a hostname annotation answers as
   * {@code <name>.<namespace>.<zone>} (k8s_gateway's behaviour); {@code ANNOTATED}: only annotated
   * Services get names.
   */
  public enum ServiceNames {
    IMPLICIT,
    ANNOTATED
  }

  static SourcesConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("manifests", "kubernetes", "serviceNames");
    ConfigNode m = n.get("manifests");
    m.expectObject();
    m.allowOnly("paths", "vars", "requireAcceptedRoutes");
    List<Path> paths = m.strings("paths").stream().map(s -> m.baseDir().resolve(s).normalize()).toList();
    ConfigNode pathsNode = m.get("paths");
    List<ConfigNode> elements = pathsNode.isList() ? pathsNode.elements() : List.of();
    for (int i = 0; i < paths.size(); i++) {
      if (!java.nio.file.Files.exists(paths.get(i))) {
        (elements.size() == paths.size() ? elements.get(i) : pathsNode).problem(paths.get(i) + " does not exist");
      }
    }
    Optional<Path> vars = m.optPath("vars");
    vars.filter(v -> !java.nio.file.Files.isReadable(v)).ifPresent(v -> m.get("vars").problem("cannot read " + v));
    Manifests manifests = new Manifests(paths, vars, m.bool("requireAcceptedRoutes", false));

    ConfigNode k = n.get("kubernetes");
    k.expectObject();
    k.allowOnly("enabled", "kubeconfig", "context", "namespaces", "requireAcceptedRoutes");
    Kubernetes kubernetes = new Kubernetes(k.bool("enabled", false), k.optPath("kubeconfig"), k.optString("context"),
        k.strings("namespaces"), k.bool("requireAcceptedRoutes", true));

    ServiceNames serviceNames = ServiceNames.IMPLICIT;
    Optional<String> sn = n.optString("serviceNames");
    if (sn.isPresent()) {
      switch (sn.get().toLowerCase(Locale.ROOT)) {
        case "implicit" -> serviceNames = ServiceNames.IMPLICIT;
        case "annotated" -> serviceNames = ServiceNames.ANNOTATED;
        default -> n.get("serviceNames").problem("\"" + sn.get() + "\" must be implicit or annotated");
      }
    }
    if (!manifests.enabled() && !kubernetes.enabled() && !n.isMissing()) {
      n.problem("no source: set sources.manifests.paths or sources.kubernetes.enabled: true");
    }
    return new SourcesConfig(manifests, kubernetes, serviceNames);
  }
}
