package dev.lanyard.core.inventory;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed snapshot of the objects Lanyard reads, from one source or merged from several. The
 * objects are fabric8 model classes (cert-manager Certificates and DNSEndpoints are Lanyard's own); nothing may modify them once they are in an inventory.
 */
public record Inventory(
    List<Gateway> gateways,
    List<Route> routes,
    List<Service> services,
    List<Ingress> ingresses,
    List<DNSEndpoint> dnsEndpoints,
    List<Certificate> certificates,
    List<Namespace> namespaces) {

  public static final Inventory EMPTY = new Inventory(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public Inventory {
    gateways = List.copyOf(gateways);
    routes = List.copyOf(routes);
    services = List.copyOf(services);
    ingresses = List.copyOf(ingresses);
    dnsEndpoints = List.copyOf(dnsEndpoints);
    certificates = List.copyOf(certificates);
    namespaces = List.copyOf(namespaces);
  }

  /** The union of several sources' inventories. */
  public static Inventory merge(List<Inventory> parts) {
    List<Gateway> g = new ArrayList<>();
    List<Route> r = new ArrayList<>();
    List<Service> s = new ArrayList<>();
    List<Ingress> i = new ArrayList<>();
    List<DNSEndpoint> d = new ArrayList<>();
    List<Certificate> c = new ArrayList<>();
    List<Namespace> n = new ArrayList<>();
    for (Inventory p : parts) {
      g.addAll(p.gateways);
      r.addAll(p.routes);
      s.addAll(p.services);
      i.addAll(p.ingresses);
      d.addAll(p.dnsEndpoints);
      c.addAll(p.certificates);
      n.addAll(p.namespaces);
    }
    return new Inventory(g, r, s, i, d, c, n);
  }

  public int size() {
    return gateways.size() + routes.size() + services.size() + ingresses.size() + dnsEndpoints.size() + certificates.size()
        + namespaces.size();
  }
}
