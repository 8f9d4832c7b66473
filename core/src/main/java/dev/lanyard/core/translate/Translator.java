package dev.lanyard.core.translate;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.Certificate;
import dev.lanyard.core.inventory.DNSEndpoint;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.inventory.Origin;
import dev.lanyard.core.inventory.Route;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure function at the heart of Lanyard: inventory and config in, {@link DesiredState} out.
 * Same input, same output; no I/O, no clock (the time is passed in).
 */
public final class Translator {
  private static final Comparator<HasMetadata> BY_NAME = Comparator
      .comparing((HasMetadata o) -> Metadata.namespace(o.getMetadata()))
      .thenComparing(o -> o.getMetadata().getName());

  private Translator() {}

  public static DesiredState translate(
      LanyardConfig config, Inventory inventory, List<SourceStatus> sources, long generation, Instant now) {
    Problems problems = new Problems(Origin.index(inventory));
    ViewAssignment views = new ViewAssignment(config);
    RouteAttachments attachments = new RouteAttachments(inventory.gateways(), inventory.namespaces());
    List<Contribution> claims = new ArrayList<>();

    RouteRecords routes = new RouteRecords(config, views, attachments);
    inventory.routes().stream()
        .sorted(Comparator.comparing((Route r) -> r.ref().toString()))
        .forEach(r -> claims.addAll(routes.claims(r, problems)));
    ServiceRecords services = new ServiceRecords(config, views);
    for (Service s : sorted(inventory.services())) {
      claims.addAll(services.claims(s, problems));
    }
    IngressRecords ingresses = new IngressRecords(config, views);
    for (Ingress i : sorted(inventory.ingresses())) {
      claims.addAll(ingresses.claims(i, problems));
    }
    DnsEndpointRecords endpoints = new DnsEndpointRecords(views);
    for (DNSEndpoint e : sorted(inventory.dnsEndpoints())) {
      claims.addAll(endpoints.claims(e, problems));
    }
    List<ViewRecords> records = new RecordMerger(config).merge(claims, problems);
    List<CertificateRequest> certificates = certificates(config, inventory, problems);
    return new DesiredState(generation, now, records, certificates, problems.toList(), sources);
  }

  private static List<CertificateRequest> certificates(LanyardConfig config, Inventory inventory, Problems problems) {
    Map<String, CertificateRequest> byName = new LinkedHashMap<>();
    config.certificates().certificates().forEach(c -> byName.put(c.name(), c));
    if (!config.certificates().gateways().enabled()) {
      return List.copyOf(byName.values());
    }
    CertificateStores stores = new CertificateStores(config);
    CertificateResources resources = new CertificateResources(config, stores);
    for (Certificate c : sorted(inventory.certificates())) {
      resources.request(c, problems).ifPresent(r -> add(byName, r, problems));
    }
    GatewayCertificates gateways = new GatewayCertificates(config, stores);
    for (Gateway g : sorted(inventory.gateways())) {
      gateways.requests(g, problems).forEach(r -> add(byName, r, problems));
    }
    return List.copyOf(byName.values());
  }

  private static void add(Map<String, CertificateRequest> byName, CertificateRequest r, Problems problems) {
    CertificateRequest existing = byName.putIfAbsent(r.name(), r);
    if (existing != null) {
      problems.warn(r.origin(), "certificate " + r.name() + " is already requested by " + existing.origin()
          + "; that request is kept");
    }
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> objects) {
    return objects.stream().sorted(BY_NAME).toList();
  }
}
