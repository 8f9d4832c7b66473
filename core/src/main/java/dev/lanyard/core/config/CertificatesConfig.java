package dev.lanyard.core.config;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.core.net.IpAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issuers, configured certificates, and how certificates found on Gateways are stored.
 *
 * @param gateways certificates derived from Gateway listeners (cert-manager gateway-shim rules)
 * @param backoff retry delays after a failed issuance: {@code initial}, doubling up to {@code max}
 */
public record CertificatesConfig(
    List<IssuerConfig> issuers, List<CertificateRequest> certificates, Gateways gateways, Backoff backoff) {

  public CertificatesConfig {
    issuers = List.copyOf(issuers);
    certificates = List.copyOf(certificates);
  }

  /**
   * @param enabled derive requests from annotated Gateways
   * @param dir Gateway (and cert-manager Certificate) certificates also go to
   *     {@code <dir>/<namespace>/<secret>/}; without a cluster this is their only store
   * @param reload command run after a certificate in {@code dir} changed
   */
  public record Gateways(boolean enabled, Optional<Path> dir, Optional<String> reload) {}

  public record Backoff(Duration initial, Duration max) {}

  /** An issuer: exactly one of {@code ca} or {@code acme}. */
  public record IssuerConfig(String name, Optional<Ca> ca, Optional<Acme> acme) {}

  /**
   * The internal CA, from a directory written by {@code lanyard ca init} or from a cert-manager
   * style Secret ({@code tls.crt}, {@code tls.key}).
   *
   * @param defaultDuration lifetime of leaves whose request sets none
   */
  public record Ca(Optional<Path> dir, Optional<SecretRef> secret, Duration defaultDuration) {}

  /**
   * An ACME CA.
   *
   * @param directory the directory URL, or an acme4j {@code acme://} URI
   * @param trust extra CA certificates (PEM) for the ACME server's HTTPS, e.g. Pebble's
   * @param nameservers where challenge propagation is checked; empty means the zone's NS hosts
   */
  public record Acme(
      String directory,
      Optional<String> email,
      Optional<Path> trust,
      KeyRef accountKey,
      Optional<Eab> eab,
      Optional<String> profile,
      Solver solver,
      List<HostPort> nameservers,
      Duration propagationTimeout) {}

  /** A key kept in a file or in a Secret. */
  public record KeyRef(Optional<Path> file, Optional<SecretRef> secret) {}

  /** External account binding. */
  public record Eab(String kid, Path hmacKeyFile) {}

  public enum SolverType {
    SELF,
    CLOUDFLARE,
    RFC2136
  }

  /**
   * @param provider for {@code cloudflare}: the name of a {@code sync.providers[]} entry whose token is used
   * @param server for {@code rfc2136}
   */
  public record Solver(SolverType type, Optional<String> provider, Optional<HostPort> server, Optional<TsigKeyConfig> tsig) {}

  public Optional<IssuerConfig> issuer(String name) {
    return issuers.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  static CertificatesConfig defaults() {
    return new CertificatesConfig(List.of(), List.of(), new Gateways(true, Optional.empty(), Optional.empty()),
        new Backoff(Duration.ofMinutes(1), Duration.ofHours(1)));
  }

  static CertificatesConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("issuers", "certificates", "gateways", "backoff");
    List<IssuerConfig> issuers = new ArrayList<>();
    for (ConfigNode i : n.list("issuers")) {
      IssuerConfig issuer = parseIssuer(i);
      if (issuers.stream().anyMatch(x -> x.name().equals(issuer.name()))) {
        i.get("name").problem("duplicate issuer name \"" + issuer.name() + "\"");
      }
      issuers.add(issuer);
    }
    List<CertificateRequest> certs = new ArrayList<>();
    for (ConfigNode c : n.list("certificates")) {
      CertificateRequest req = parseCertificate(c);
      if (!req.issuer().isEmpty() && issuers.stream().noneMatch(x -> x.name().equals(req.issuer()))) {
        c.get("issuer").problem("no issuer named \"" + req.issuer() + "\" in certificates.issuers");
      }
      if (certs.stream().anyMatch(x -> x.name().equals(req.name()))) {
        c.get("name").problem("duplicate certificate name \"" + req.name() + "\"");
      }
      certs.add(req);
    }
    ConfigNode g = n.get("gateways");
    g.expectObject();
    g.allowOnly("enabled", "dir", "reload");
    Gateways gateways = new Gateways(g.bool("enabled", true), g.optPath("dir"), g.optString("reload"));
    ConfigNode b = n.get("backoff");
    b.expectObject();
    b.allowOnly("initial", "max");
    Backoff backoff = new Backoff(b.duration("initial", Duration.ofMinutes(1)), b.duration("max", Duration.ofHours(1)));
    return new CertificatesConfig(issuers, certs, gateways, backoff);
  }

  private static IssuerConfig parseIssuer(ConfigNode i) {
    i.expectObject();
    i.allowOnly("name", "ca", "acme");
    String name = i.requiredString("name");
    Optional<Ca> ca = Optional.empty();
    Optional<Acme> acme = Optional.empty();
    if (i.has("ca") == i.has("acme")) {
      i.problem("set exactly one of ca or acme");
    }
    if (i.has("ca")) {
      ConfigNode c = i.get("ca");
      c.expectObject();
      c.allowOnly("dir", "secret", "duration");
      Optional<SecretRef> secret = secretRef(c, "secret");
      Optional<Path> dir = c.optPath("dir");
      if (dir.isPresent() == secret.isPresent() && !(c.has("secret") && secret.isEmpty())) {
        c.problem("set exactly one of dir or secret");
      }
      ca = Optional.of(new Ca(dir, secret, c.duration("duration", Duration.ofDays(90))));
    }
    if (i.has("acme")) {
      acme = Optional.of(parseAcme(i.get("acme")));
    }
    return new IssuerConfig(name, ca, acme);
  }

  private static Acme parseAcme(ConfigNode a) {
    a.expectObject();
    a.allowOnly("directory", "email", "trust", "accountKey", "eab", "profile", "solver", "nameservers",
        "propagationTimeout");
    String directory = a.requiredString("directory");
    if (!directory.isEmpty() && !directory.matches("(https?|acme)://.+")) {
      a.get("directory").problem("\"" + directory + "\" is not an https:// or acme:// URL");
    }
    Optional<Path> trust = a.optPath("trust");
    trust.filter(t -> !java.nio.file.Files.isReadable(t)).ifPresent(t -> a.get("trust").problem("cannot read " + t));
    ConfigNode k = a.get("accountKey");
    KeyRef accountKey;
    if (k.isMissing()) {
      k.problem("is required ({file: ./acme-account.pem} or {secret: namespace/name}); it is created on first use");
      accountKey = new KeyRef(Optional.empty(), Optional.empty());
    } else {
      k.expectObject();
      k.allowOnly("file", "secret");
      accountKey = new KeyRef(k.optPath("file"), secretRef(k, "secret"));
      if (accountKey.file().isPresent() == accountKey.secret().isPresent() && !(k.has("secret") && accountKey.secret().isEmpty())) {
        k.problem("set exactly one of file or secret");
      }
    }
    Optional<Eab> eab = Optional.empty();
    if (a.has("eab")) {
      ConfigNode e = a.get("eab");
      e.expectObject();
      e.allowOnly("kid", "hmacKeyFile");
      String kid = e.requiredString("kid");
      Optional<Path> hmac = e.optPath("hmacKeyFile");
      if (hmac.isEmpty()) {
        e.get("hmacKeyFile").problem("is required");
      } else if (!java.nio.file.Files.isReadable(hmac.get())) {
        e.get("hmacKeyFile").problem("cannot read " + hmac.get());
      }
      eab = Optional.of(new Eab(kid, hmac.orElse(null)));
    }
    ConfigNode s = a.get("solver");
    Solver solver = new Solver(SolverType.SELF, Optional.empty(), Optional.empty(), Optional.empty());
    if (s.has("type") || !s.isMissing()) {
      s.expectObject();
      s.allowOnly("type", "provider", "server", "tsig");
      String type = s.string("type", "self").toLowerCase(Locale.ROOT);
      SolverType st = switch (type) {
        case "self" -> SolverType.SELF;
        case "cloudflare" -> SolverType.CLOUDFLARE;
        case "rfc2136" -> SolverType.RFC2136;
        default -> {
          s.get("type").problem("\"" + type + "\" must be self, cloudflare or rfc2136");
          yield SolverType.SELF;
        }
      };
      Optional<String> provider = s.optString("provider");
      if (st == SolverType.CLOUDFLARE && provider.isEmpty()) {
        s.get("provider").problem("name the sync provider (sync.providers[].name) whose Cloudflare token to use");
      }
      Optional<HostPort> server = s.hostPorts("server", 53).stream().findFirst();
      if (st == SolverType.RFC2136 && server.isEmpty() && !s.has("server")) {
        s.get("server").problem("is required for the rfc2136 solver");
      }
      Optional<TsigKeyConfig> tsig = s.has("tsig") ? Optional.of(TsigKeyConfig.parse(s.get("tsig"))) : Optional.empty();
      solver = new Solver(st, provider, server, tsig);
    }
    return new Acme(directory, a.optString("email"), trust, accountKey, eab, a.optString("profile"), solver,
        a.hostPorts("nameservers", 53), a.duration("propagationTimeout", Duration.ofMinutes(2)));
  }

  private static Optional<SecretRef> secretRef(ConfigNode n, String key) {
    Optional<String> s = n.optString(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Optional<SecretRef> ref = SecretRef.parse(s.get());
    if (ref.isEmpty()) {
      n.get(key).problem("\"" + s.get() + "\" is not namespace/name");
    }
    return ref;
  }

  private static CertificateRequest parseCertificate(ConfigNode c) {
    c.expectObject();
    c.allowOnly("name", "issuer", "dnsNames", "ipAddresses", "commonName", "duration", "renewBefore", "privateKey",
        "stores");
    String name = c.requiredString("name");
    String issuer = c.requiredString("issuer");
    List<String> dnsNames = c.parsedStrings("dnsNames", Hostnames::parse, "a DNS name");
    List<String> ips = c.parsedStrings("ipAddresses", s -> IpAddresses.parse(s).map(IpAddresses::canonical), "an IP address");
    if (dnsNames.isEmpty() && ips.isEmpty()) {
      c.get("dnsNames").problem("a certificate needs at least one DNS name or IP address");
    }
    Optional<Duration> duration = c.optDuration("duration");
    Optional<Duration> renewBefore = c.optDuration("renewBefore");
    if (duration.isPresent() && duration.get().compareTo(Duration.ofMinutes(1)) < 0) {
      c.get("duration").problem("must be at least 1m");
    }
    ConfigNode k = c.get("privateKey");
    k.expectObject();
    k.allowOnly("algorithm", "size", "rotationPolicy");
    KeyAlgorithm alg = KeyAlgorithm.ECDSA;
    Optional<String> algText = k.optString("algorithm");
    if (algText.isPresent()) {
      Optional<KeyAlgorithm> parsed = KeyAlgorithm.parse(algText.get());
      if (parsed.isEmpty()) {
        k.get("algorithm").problem("\"" + algText.get() + "\" must be ECDSA, RSA or Ed25519");
      } else {
        alg = parsed.get();
      }
    }
    int size = (int) k.integer("size", alg == KeyAlgorithm.RSA ? 2048 : 256, 0, 8192);
    String sizeProblem = PrivateKeySpec.sizeProblem(alg, size);
    if (sizeProblem != null) {
      k.get("size").problem(sizeProblem);
    }
    PrivateKeySpec.RotationPolicy rotation = PrivateKeySpec.RotationPolicy.ALWAYS;
    Optional<String> rot = k.optString("rotationPolicy");
    if (rot.isPresent()) {
      switch (rot.get().toLowerCase(Locale.ROOT)) {
        case "always" -> rotation = PrivateKeySpec.RotationPolicy.ALWAYS;
        case "never" -> rotation = PrivateKeySpec.RotationPolicy.NEVER;
        default -> k.get("rotationPolicy").problem("\"" + rot.get() + "\" must be Always or Never");
      }
    }
    List<StoreSpec> stores = new ArrayList<>();
    for (ConfigNode s : c.list("stores")) {
      s.expectObject();
      s.allowOnly("dir", "reload", "secret");
      if (s.has("dir") == s.has("secret")) {
        s.problem("set exactly one of dir or secret");
        continue;
      }
      if (s.has("dir")) {
        stores.add(new StoreSpec.Directory(s.optPath("dir").orElseThrow(), s.optString("reload")));
      } else {
        if (s.has("reload")) {
          s.get("reload").problem("only valid with dir");
        }
        secretRef(s, "secret").ifPresent(r -> stores.add(new StoreSpec.Secret(r.namespace(), r.name())));
      }
    }
    if (c.list("stores").isEmpty()) {
      c.get("stores").problem("a certificate needs at least one store ({dir: ...} or {secret: namespace/name})");
    }
    return new CertificateRequest(name, issuer, dnsNames, ips, c.optString("commonName"), duration, renewBefore,
        new PrivateKeySpec(alg, size, rotation), stores, "config");
  }
}
