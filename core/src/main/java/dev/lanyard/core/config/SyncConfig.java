package dev.lanyard.core.config;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Provider sync, external-dns compatible.
 *
 * @param owner the TXT registry owner id ({@code --txt-owner-id})
 * @param txtPrefix prefix of ownership TXT names, may contain {@code %{record_type}}; exclusive with txtSuffix
 * @param interval period of the full reconcile against a fresh listing
 * @param debounce how long changes are gathered before a plan is applied
 * @param adoptUnowned take over a record without ownership TXT when it already holds exactly the desired value
 */
public record SyncConfig(
    String owner,
    Policy policy,
    String txtPrefix,
    String txtSuffix,
    String txtWildcardReplacement,
    Duration interval,
    Duration debounce,
    boolean adoptUnowned,
    List<Provider> providers) {

  public enum Policy {
    SYNC,
    UPSERT_ONLY,
    CREATE_ONLY;

    static Optional<Policy> parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "sync" -> Optional.of(SYNC);
        case "upsert-only" -> Optional.of(UPSERT_ONLY);
        case "create-only" -> Optional.of(CREATE_ONLY);
        default -> Optional.empty();
      };
    }
  }

  public enum ProviderType {
    CLOUDFLARE,
    RFC2136
  }

  /**
   * One place records are pushed to.
   *
   * @param views the views whose records go here; empty in the file means every public view
   * @param zones domain filter: only names in these zones are managed
   * @param policy per-provider override of the global policy
   */
  public record Provider(
      String name,
      ProviderType type,
      List<String> views,
      List<String> zones,
      Optional<Policy> policy,
      Optional<Cloudflare> cloudflare,
      Optional<Rfc2136> rfc2136) {
    public Provider {
      views = List.copyOf(views);
      zones = List.copyOf(zones);
    }
  }

  /**
   * @param apiTokenFile file holding the API token (preferred)
   * @param apiTokenEnv environment variable holding the token, used when no file is set
   * @param proxied default for records without a {@code cloudflare-proxied} annotation
   * @param requestBudget client-side cap of API requests per {@code budgetWindow}
   */
  public record Cloudflare(
      Optional<Path> apiTokenFile,
      String apiTokenEnv,
      String baseUrl,
      boolean proxied,
      int requestBudget,
      Duration budgetWindow,
      int recordsPerPage,
      Optional<String> comment) {}

  /** An RFC 2136 (dynamic UPDATE) server, listed by AXFR. */
  public record Rfc2136(HostPort server, Optional<TsigKeyConfig> tsig) {}

  public SyncConfig {
    providers = List.copyOf(providers);
  }

  public Policy policyOf(Provider p) {
    return p.policy().orElse(policy);
  }

  static SyncConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("owner", "policy", "txtPrefix", "txtSuffix", "txtWildcardReplacement", "interval", "debounce",
        "adoptUnowned", "providers");
    Policy policy = policy(n, "policy").orElse(Policy.SYNC);
    String prefix = n.string("txtPrefix", "").toLowerCase(Locale.ROOT);
    String suffix = n.string("txtSuffix", "").toLowerCase(Locale.ROOT);
    if (!prefix.isEmpty() && !suffix.isEmpty()) {
      n.get("txtSuffix").problem("txtPrefix and txtSuffix are mutually exclusive");
    }
    List<Provider> providers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ConfigNode p : n.list("providers")) {
      Provider provider = parseProvider(p);
      if (names.contains(provider.name())) {
        p.get("name").problem("duplicate provider name \"" + provider.name() + "\"");
      }
      names.add(provider.name());
      providers.add(provider);
    }
    return new SyncConfig(n.string("owner", "default"), policy, prefix, suffix,
        n.string("txtWildcardReplacement", ""), n.duration("interval", Duration.ofMinutes(10)),
        n.duration("debounce", Duration.ofSeconds(1)), n.bool("adoptUnowned", false), providers);
  }

  static SyncConfig defaults() {
    return new SyncConfig("default", Policy.SYNC, "", "", "", Duration.ofMinutes(10), Duration.ofSeconds(1), false, List.of());
  }

  private static Optional<Policy> policy(ConfigNode n, String key) {
    Optional<String> s = n.optString(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Optional<Policy> p = Policy.parse(s.get());
    if (p.isEmpty()) {
      n.get(key).problem("\"" + s.get() + "\" must be sync, upsert-only or create-only");
    }
    return p;
  }

  private static Provider parseProvider(ConfigNode p) {
    p.expectObject();
    p.allowOnly("name", "type", "views", "zones", "policy", "cloudflare", "rfc2136");
    String name = p.requiredString("name");
    String typeText = p.requiredString("type");
    ProviderType type = null;
    switch (typeText.toLowerCase(Locale.ROOT)) {
      case "cloudflare" -> type = ProviderType.CLOUDFLARE;
      case "rfc2136" -> type = ProviderType.RFC2136;
      case "" -> { }
      default -> p.get("type").problem("\"" + typeText + "\" must be cloudflare or rfc2136");
    }
    List<String> zones = new ArrayList<>();
    List<ConfigNode> zoneNodes = p.list("zones");
    for (ConfigNode z : zoneNodes) {
      Optional<String> zone = Hostnames.parse(z.text());
      if (zone.isEmpty()) {
        z.problem("\"" + z.text() + "\" is not a DNS name");
      } else {
        zones.add(zone.get());
      }
    }
    if (zoneNodes.isEmpty()) {
      p.get("zones").problem("list the zones this provider manages (the domain filter)");
    }
    Optional<Cloudflare> cloudflare = Optional.empty();
    Optional<Rfc2136> rfc2136 = Optional.empty();
    if (type == ProviderType.CLOUDFLARE) {
      ConfigNode c = p.get("cloudflare");
      c.expectObject();
      c.allowOnly("apiTokenFile", "apiTokenEnv", "baseUrl", "proxied", "requestBudget", "budgetWindow",
          "recordsPerPage", "comment");
      Optional<Path> tokenFile = c.optPath("apiTokenFile");
      tokenFile.filter(f -> !java.nio.file.Files.isReadable(f))
          .ifPresent(f -> c.get("apiTokenFile").problem("cannot read " + f));
      String baseUrl = c.string("baseUrl", "https://api.cloudflare.com/client/v4");
      if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        c.get("baseUrl").problem("\"" + baseUrl + "\" is not an http(s) URL");
      }
      String tokenEnv = c.string("apiTokenEnv", "CF_API_TOKEN");
      if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        c.get("apiTokenEnv").problem("\"" + tokenEnv + "\" is not an environment variable name (e.g. CF_API_TOKEN)");
      }
      cloudflare = Optional.of(new Cloudflare(tokenFile, tokenEnv,
          baseUrl.replaceAll("/+$", ""), c.bool("proxied", false), (int) c.integer("requestBudget", 1000, 1, 1_000_000),
          c.duration("budgetWindow", Duration.ofMinutes(5)), (int) c.integer("recordsPerPage", 5000, 5, 5000),
          c.optString("comment")));
    } else if (p.has("cloudflare")) {
      p.get("cloudflare").problem("only valid with type: cloudflare");
    }
    if (type == ProviderType.RFC2136) {
      ConfigNode r = p.get("rfc2136");
      if (!r.expectObject()) {
        r.problem("is required for type: rfc2136 (server, tsig)");
      }
      r.allowOnly("server", "tsig");
      List<HostPort> server = r.hostPorts("server", 53);
      if (server.isEmpty() && !r.has("server")) {
        r.get("server").problem("is required");
      }
      Optional<TsigKeyConfig> tsig = r.has("tsig") ? Optional.of(TsigKeyConfig.parse(r.get("tsig"))) : Optional.empty();
      rfc2136 = Optional.of(new Rfc2136(server.isEmpty() ? new HostPort("127.0.0.1", 53) : server.get(0), tsig));
    } else if (p.has("rfc2136")) {
      p.get("rfc2136").problem("only valid with type: rfc2136");
    }
    return new Provider(name, type == null ? ProviderType.CLOUDFLARE : type, p.strings("views"), zones,
        policy(p, "policy"), cloudflare, rfc2136);
  }
}
