package dev.lanyard.core.translate;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Claims of Ingresses: {@code spec.rules[].host} (and the hostname annotation) answer with the load balancer status. */
final class IngressRecords {
  private final LanyardConfig config;
  private final ViewAssignment views;

  IngressRecords(LanyardConfig config, ViewAssignment views) {
    this.config = config;
    this.views = views;
  }

  List<Contribution> claims(Ingress ingress, Problems problems) {
    Map<String, String> annotations = Metadata.annotations(ingress.getMetadata());
    if (Annotations.ignored(Metadata.labels(ingress.getMetadata())) || Annotations.otherController(annotations)) {
      return List.of();
    }
    String ns = Metadata.namespace(ingress.getMetadata());
    ObjectRef ref = ObjectRef.of("ingress", ns, ingress.getMetadata().getName());
    Set<String> hosts = new LinkedHashSet<>();
    String source = Annotations.externalDns(annotations, Annotations.INGRESS_HOSTNAME_SOURCE).orElse("");
    List<String> candidates = new ArrayList<>();
    if (!source.equals("annotation-only") && ingress.getSpec() != null && ingress.getSpec().getRules() != null) {
      for (IngressRule r : ingress.getSpec().getRules()) {
        if (r.getHost() != null && !r.getHost().isBlank()) {
          candidates.add(r.getHost());
        }
      }
    }
    if (!source.equals("defined-hosts-only")) {
      candidates.addAll(Annotations.externalDns(annotations, Annotations.HOSTNAME).map(Annotations::commaList).orElse(List.of()));
    }
    for (String c : candidates) {
      Optional<String> h = Hostnames.parse(c);
      if (h.isEmpty()) {
        problems.warn(ref, "host \"" + c + "\" is not a valid DNS name; ignored");
      } else {
        hosts.add(h.get());
      }
    }
    if (hosts.isEmpty()) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
        && ingress.getStatus().getLoadBalancer().getIngress() != null) {
      for (IngressLoadBalancerIngress i : ingress.getStatus().getLoadBalancer().getIngress()) {
        if (i.getIp() != null && !i.getIp().isBlank()) {
          addresses.add(i.getIp());
        }
        if (i.getHostname() != null && !i.getHostname().isBlank()) {
          addresses.add(i.getHostname());
        }
      }
    }
    Optional<List<String>> target = Annotations.externalDns(annotations, Annotations.TARGET).map(Annotations::commaList);
    OptionalLong ttl = Targets.ttl(annotations, ref, problems);
    Map<String, String> ps = Annotations.providerSpecific(annotations);
    List<Contribution> out = new ArrayList<>();
    for (String view : views.forObject(ref, annotations, problems)) {
      boolean isPublic = config.view(view).map(v -> v.isPublic()).orElse(false);
      List<String> targets = isPublic && target.isPresent() && !target.get().isEmpty() ? target.get() : addresses;
      if (targets.isEmpty()) {
        problems.warn(ref, "has no status.loadBalancer address yet; " + String.join(", ", hosts) + " not served in view " + view);
        continue;
      }
      for (String h : hosts) {
        out.addAll(Targets.claims(view, h, targets, ttl, ref, Metadata.created(ingress.getMetadata()), ps, problems));
      }
    }
    return out;
  }
}
