package dev.lanyard.core.translate;

import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.config.SourcesConfig;
import dev.lanyard.core.config.ZoneConfig;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Claims of LoadBalancer Services, as k8s_gateway reads them: names from {@code coredns.io/hostname}
 * or the external-dns hostname annotation (comma lists, wildcards, zone-relative names), else
 * {@code <name>.<namespace>.<zone>}; addresses from status, then externalIPs, then what a git
 * manifest declares ({@code spec.loadBalancerIP} and the Cilium and MetalLB IP annotations).
 */
final class ServiceRecords {
  private final LanyardConfig config;
  private final ViewAssignment views;

  ServiceRecords(LanyardConfig config, ViewAssignment views) {
    this.config = config;
    this.views = views;
  }

  List<Contribution> claims(Service s, Problems problems) {
    if (s.getSpec() == null || !"LoadBalancer".equals(s.getSpec().getType())) {
      return List.of();
    }
    Map<String, String> annotations = Metadata.annotations(s.getMetadata());
    if (Annotations.ignored(Metadata.labels(s.getMetadata())) || Annotations.otherController(annotations)) {
      return List.of();
    }
    String ns = Metadata.namespace(s.getMetadata());
    ObjectRef ref = ObjectRef.of("service", ns, s.getMetadata().getName());
    List<String> names = names(s, ns, ref, annotations, problems);
    if (names.isEmpty()) {
      return List.of();
    }
    List<String> addresses = addresses(s);
    Optional<List<String>> target = Annotations.externalDns(annotations, Annotations.TARGET).map(Annotations::commaList);
    OptionalLong ttl = Targets.ttl(annotations, ref, problems);
    Map<String, String> ps = Annotations.providerSpecific(annotations);
    List<Contribution> out = new ArrayList<>();
    for (String view : views.forObject(ref, annotations, problems)) {
      boolean isPublic = config.view(view).map(v -> v.isPublic()).orElse(false);
      List<String> targets = isPublic && target.isPresent() && !target.get().isEmpty() ? target.get() : addresses;
      if (targets.isEmpty()) {
        problems.warn(ref, "has no load balancer address yet (status.loadBalancer, externalIPs, spec.loadBalancerIP or "
            + Annotations.CILIUM_IPS + "); " + String.join(", ", names) + " not served");
        continue;
      }
      for (String name : names) {
        out.addAll(Targets.claims(view, name, targets, ttl, ref, Metadata.created(s.getMetadata()), ps, problems));
      }
    }
    return out;
  }

  private List<String> names(Service s, String ns, ObjectRef ref, Map<String, String> annotations, Problems problems) {
    String raw = annotations.get(Annotations.COREDNS_HOSTNAME);
    if (raw == null) {
      raw = Annotations.externalDns(annotations, Annotations.HOSTNAME).orElse(null);
    }
    Set<String> out = new LinkedHashSet<>();
    if (raw == null) {
      if (config.sources().serviceNames() == SourcesConfig.ServiceNames.IMPLICIT) {
        for (ZoneConfig z : config.zones()) {
          out.add(s.getMetadata().getName() + "." + ns + "." + z.name());
        }
      }
      return new ArrayList<>(out);
    }
    for (String v : Annotations.commaList(raw)) {
      Optional<String> h = Hostnames.parse(v);
      if (h.isEmpty()) {
        problems.warn(ref, "hostname \"" + v + "\" is not a valid DNS name; ignored");
        continue;
      }
      if (config.zoneFor(h.get()).isPresent() || config.zones().isEmpty()) {
        out.add(h.get());
      } else if (v.strip().endsWith(".")) {
        // A trailing dot makes the name absolute: it is not moved into the zones.
        problems.warn(ref, "hostname \"" + v + "\" is outside every zone ("
            + config.zones().stream().map(ZoneConfig::name).collect(Collectors.joining(", ")) + "); ignored");
      } else {
        for (ZoneConfig z : config.zones()) {
          out.add(h.get() + "." + z.name());
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> addresses(Service s) {
    List<String> status = new ArrayList<>();
    if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngress()) {
        if (i.getIp() != null && !i.getIp().isBlank()) {
          status.add(i.getIp());
        }
        if (i.getHostname() != null && !i.getHostname().isBlank()) {
          status.add(i.getHostname());
        }
      }
    }
    if (!status.isEmpty()) {
      return status;
    }
    if (s.getSpec().getExternalIPs() != null && !s.getSpec().getExternalIPs().isEmpty()) {
      return s.getSpec().getExternalIPs();
    }
    List<String> declared = new ArrayList<>();
    if (s.getSpec().getLoadBalancerIP() != null && !s.getSpec().getLoadBalancerIP().isBlank()) {
      declared.add(s.getSpec().getLoadBalancerIP());
    }
    Map<String, String> a = Metadata.annotations(s.getMetadata());
    for (String key : List.of(Annotations.CILIUM_IPS, Annotations.METALLB_IPS)) {
      if (a.containsKey(key)) {
        declared.addAll(Annotations.commaList(a.get(key)));
      }
    }
    return declared.stream().distinct().toList();
  }
}
