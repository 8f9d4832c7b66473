package dev.lanyard.core.config;

import dev.lanyard.core.net.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The whole config file, validated. Load it with {@link ConfigLoader}. */
public record LanyardConfig(
    Path file,
    List<ZoneConfig> zones,
    DnsConfig dns,
    List<ViewConfig> views,
    Map<String, GatewayConfig> gateways,
    SourcesConfig sources,
    SyncConfig sync,
    CertificatesConfig certificates,
    HttpConfig http,
    LeaderElectionConfig leaderElection) {

  public LanyardConfig {
    zones = List.copyOf(zones);
    views = List.copyOf(views);
    gateways = Map.copyOf(gateways);
  }

  public Optional<ViewConfig> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public List<String> viewNames() {
    return views.stream().map(ViewConfig::name).toList();
  }

  public List<String> publicViews() {
    return views.stream().filter(ViewConfig::isPublic).map(ViewConfig::name).toList();
  }

  public List<String> nonPublicViews() {
    return views.stream().filter(v -> !v.isPublic()).map(ViewConfig::name).toList();
  }

  /** The view that answers when no rule matches; empty means such queries are refused. */
  public Optional<ViewConfig> defaultView() {
    return views.stream().filter(ViewConfig::isDefault).findFirst();
  }

  /** Every address the DNS server listens on: {@code dns.listen} plus each view's listeners. */
  public List<HostPort> allListeners() {
    Set<HostPort> all = new LinkedHashSet<>(dns.listen());
    views.forEach(v -> all.addAll(v.listeners()));
    return List.copyOf(all);
  }

  /** The views a provider receives: its own list, or every public view. */
  public List<String> providerViews(SyncConfig.Provider provider) {
    return provider.views().isEmpty() ? publicViews() : provider.views();
  }

  public Optional<ZoneConfig> zoneFor(String name) {
    return zones.stream()
        .filter(z -> dev.lanyard.core.model.Hostnames.isInZone(name, z.name()))
        .max(java.util.Comparator.comparingInt(z -> z.name().length()));
  }

  /** True when the process should take part in leader election (a Lease) rather than lead alone. */
  public boolean leaderElectionEnabled() {
    return leaderElection.enabled().orElse(sources.kubernetes().enabled());
  }

  /**
   * True when anything talks to the Kubernetes API: the source, leader election, or a Secret used
   * as a certificate store, a CA or an ACME account key.
   */
  public boolean needsKubernetesClient() {
    boolean secrets = certificates.certificates().stream()
        .flatMap(c -> c.stores().stream())
        .anyMatch(s -> s instanceof dev.lanyard.core.cert.StoreSpec.Secret);
    boolean issuerSecrets = certificates.issuers().stream().anyMatch(i ->
        i.ca().flatMap(CertificatesConfig.Ca::secret).isPresent()
            || i.acme().flatMap(a -> a.accountKey().secret()).isPresent());
    return sources.kubernetes().enabled() || leaderElectionEnabled() || secrets || issuerSecrets;
  }

  static List<ConfigProblem> crossCheck(ConfigNode root, LanyardConfig c) {
    List<ConfigProblem> out = new ArrayList<>();
    Set<String> viewNames = new LinkedHashSet<>();
    for (int i = 0; i < c.views.size(); i++) {
      if (!viewNames.add(c.views.get(i).name())) {
        out.add(new ConfigProblem("views[" + i + "].name", "duplicate view name \"" + c.views.get(i).name() + "\""));
      }
    }
    // A view whose match rules were all invalid is not a second default: its rules are reported already.
    List<ConfigNode> viewNodes = root.get("views").isList() ? root.list("views") : List.of();
    List<String> defaults = new ArrayList<>();
    for (int i = 0; i < c.views.size(); i++) {
      ConfigNode n = i < viewNodes.size() ? viewNodes.get(i) : null;
      boolean hasRules = n != null && (n.has("clients") || n.has("listeners") || n.has("trustedForwarders"));
      if (c.views.get(i).isDefault() && !hasRules) {
        defaults.add(c.views.get(i).name());
      }
    }
    if (defaults.size() > 1) {
      out.add(new ConfigProblem("views", "only one view may have no match rule (the default), found " + defaults));
    }
    for (Map.Entry<String, GatewayConfig> e : c.gateways.entrySet()) {
      String key = "gateways.\"" + e.getKey() + "\"";
      if (!e.getKey().matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
        out.add(new ConfigProblem(key, "must be namespace/name"));
      }
      for (String v : e.getValue().views()) {
        if (!viewNames.contains(v)) {
          out.add(new ConfigProblem(key + ".views", "no view named \"" + v + "\" (views: " + viewNames + ")"));
        }
      }
      for (String v : e.getValue().addresses().keySet()) {
        if (!viewNames.contains(v)) {
          out.add(new ConfigProblem(key + ".addresses." + v, "no view named \"" + v + "\" (views: " + viewNames + ")"));
        }
      }
    }
    for (int i = 0; i < c.sync.providers().size(); i++) {
      SyncConfig.Provider p = c.sync.providers().get(i);
      for (String v : p.views()) {
        if (!viewNames.contains(v)) {
          out.add(new ConfigProblem("sync.providers[" + i + "].views", "no view named \"" + v + "\" (views: " + viewNames + ")"));
        }
      }
      if (p.views().isEmpty() && c.publicViews().isEmpty()) {
        out.add(new ConfigProblem("sync.providers[" + i + "].views",
            "no views listed and no view is marked public: this provider would receive nothing"));
      }
    }
    for (int i = 0; i < c.certificates.issuers().size(); i++) {
      CertificatesConfig.IssuerConfig issuer = c.certificates.issuers().get(i);
      if (issuer.acme().isEmpty()) {
        continue;
      }
      CertificatesConfig.Solver s = issuer.acme().get().solver();
      if (s.type() == CertificatesConfig.SolverType.CLOUDFLARE && s.provider().isPresent()) {
        String name = s.provider().get();
        boolean ok = c.sync.providers().stream()
            .anyMatch(p -> p.name().equals(name) && p.type() == SyncConfig.ProviderType.CLOUDFLARE);
        if (!ok) {
          out.add(new ConfigProblem("certificates.issuers[" + i + "].acme.solver.provider",
              "no cloudflare provider named \"" + name + "\" in sync.providers"));
        }
      }
      if (s.type() == CertificatesConfig.SolverType.SELF && c.zones.isEmpty()) {
        out.add(new ConfigProblem("certificates.issuers[" + i + "].acme.solver",
            "the self solver answers challenges from Lanyard's own zones, but no zone is configured"));
      }
    }
    ConfigNode listen = root.get("dns").get("listen");
    if (listen.isList() && listen.elements().isEmpty()) {
      out.add(new ConfigProblem("dns.listen", "needs at least one address"));
    }
    return out;
  }
}
