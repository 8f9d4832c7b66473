package dev.lanyard.sync.provider.cloudflare;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Listing;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.Provider;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.RateLimitedException;
import dev.lanyard.sync.provider.RequestBudget;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes record sets to Cloudflare. A full listing costs one zones request plus one request per
 * page of records; writes go through the batch endpoint, at most 200 changes per request, deletes
 * then overwrites then creates. A refused batch is replayed one record at a time, so that one bad
 * record names itself in the log and the others still land. Between listings the provider keeps the
 * records it listed plus those it wrote, with their ids, so a changed route costs one batch request.
 */
public final class CloudflareProvider implements Provider {
  public static final String PROXIED = "cloudflare-proxied";
  public static final String COMMENT = "cloudflare-record-comment";
  public static final String TAGS = "cloudflare-tags";
  /** Set on a listed record set whose records disagree on TTL, proxying, comment or tags. */
  public static final String MIXED = "cloudflare-mixed-settings";
  public static final int BATCH_LIMIT = 200;
  static final int COMMENT_LIMIT = 100;

  private static final Logger LOG = LoggerFactory.getLogger(CloudflareProvider.class);
  private static final Set<RecordType> PROXIABLE = Set.of(RecordType.A, RecordType.AAAA, RecordType.CNAME);

  private final String name;
  private final List<String> zoneFilter;
  private final boolean proxiedDefault;
  private final Optional<String> defaultComment;
  private final CloudflareClient client;
  private final ProviderMetrics metrics;
  private final Set<String> warned = new HashSet<>();
  private List<CloudflareZone> zones;
  private final Map<String, Map<String, CloudflareRecord>> records = new HashMap<>();
  private boolean fresh;

  public CloudflareProvider(String name, List<String> zoneFilter, boolean proxiedDefault, Optional<String> defaultComment,
      CloudflareClient client, ProviderMetrics metrics) {
    this.name = name;
    this.zoneFilter = List.copyOf(zoneFilter);
    this.proxiedDefault = proxiedDefault;
    this.defaultComment = defaultComment.filter(c -> !c.isBlank());
    this.client = client;
    this.metrics = metrics;
  }

  /**
   * Builds the provider from config, reading the token now.
   *
   * @throws IllegalArgumentException when no token can be read
   */
  public static CloudflareProvider create(SyncConfig.Provider p, Function<String, String> env, ProviderMetrics metrics,
      Clock clock) {
    SyncConfig.Cloudflare cfg = p.cloudflare().orElseThrow(() ->
        new IllegalArgumentException("provider \"" + p.name() + "\" has type cloudflare but no cloudflare section"));
    return new CloudflareProvider(p.name(), p.zones(), cfg.proxied(), cfg.comment(), client(p.name(), cfg, env, metrics, clock),
        metrics);
  }

  /** The API client of a provider's config: token, base URL, budget and paging. */
  public static CloudflareClient client(String provider, SyncConfig.Cloudflare cfg, Function<String, String> env,
      ProviderMetrics metrics, Clock clock) {
    String token = CloudflareToken.load(provider, cfg, env);
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(CloudflareClient.CONNECT_TIMEOUT)
        .readTimeout(CloudflareClient.READ_TIMEOUT)
        .callTimeout(CloudflareClient.CALL_TIMEOUT)
        .build();
    return new CloudflareClient(cfg.baseUrl(), token, http,
        new RequestBudget(cfg.requestBudget(), cfg.budgetWindow(), clock), metrics, clock, cfg.recordsPerPage());
  }

  public CloudflareClient client() {
    return client;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "cloudflare";
  }

  @Override
  public Listing list() throws IOException {
    List<CloudflareZone> all = client.zones();
    List<CloudflareZone> matching = all.stream().filter(this::wanted).toList();
    if (matching.isEmpty()) {
      throw new IOException("the API token of provider \"" + name + "\" sees no zone for " + zoneFilter
          + " (it sees " + all.stream().map(CloudflareZone::name).toList() + ")");
    }
    Map<String, Map<String, CloudflareRecord>> listed = new HashMap<>();
    for (CloudflareZone z : matching) {
      Map<String, CloudflareRecord> byId = new LinkedHashMap<>();
      for (CloudflareRecord r : client.records(z)) {
        byId.put(r.id().orElseThrow(), r);
      }
      listed.put(z.id(), byId);
    }
    zones = matching;
    records.clear();
    records.putAll(listed);
    fresh = true;
    return listing();
  }

  @Override
  public Optional<Listing> cached() {
    return fresh ? Optional.of(listing()) : Optional.empty();
  }

  @Override
  public Endpoint adjust(Endpoint desired) {
    RecordType type = desired.type();
    boolean proxied = PROXIABLE.contains(type) && proxiedOf(desired).orElse(proxiedDefault);
    Map<String, String> props = new TreeMap<>();
    props.put(PROXIED, Boolean.toString(proxied));
    Optional.ofNullable(desired.providerSpecific().get(COMMENT)).filter(c -> !c.isBlank()).or(() -> defaultComment)
        .map(c -> trimComment(desired, c)).ifPresent(c -> props.put(COMMENT, c));
    String tags = normalizeTags(desired.providerSpecific().getOrDefault(TAGS, ""));
    if (!tags.isEmpty()) {
      props.put(TAGS, tags);
    }
    List<String> targets = desired.targets().stream().map(v -> CloudflareRecord.valueOf(type.name(),
        CloudflareRecord.contentOf(type, v))).toList();
    return new Endpoint(desired.name(), type, proxied ? 1 : clampTtl(desired.ttl()), targets, desired.labels(), props);
  }

  /** Cloudflare accepts 1 (automatic) or 60..86400. */
  static long clampTtl(long ttl) {
    if (ttl <= 1) {
      return 1;
    }
    return Math.max(60, Math.min(86_400, ttl));
  }

  @Override
  public ApplyResult apply(List<Change> changes) throws IOException {
    if (zones == null) {
      list();
    }
    long before = metrics.totalRequests();
    List<String> failures = new ArrayList<>();
    Set<Integer> failed = new HashSet<>();
    Map<CloudflareZone, RecordOperations> byZone = new LinkedHashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      Optional<CloudflareZone> zone = zoneFor(c.key().name());
      if (zone.isEmpty()) {
        String line = "cannot " + verb(c) + " " + c.endpoint() + ": no Cloudflare zone of provider \"" + name
            + "\" holds this name (zones: " + zones.stream().map(CloudflareZone::name).toList() + ")";
        LOG.warn(line);
        failures.add(line);
        failed.add(i);
        continue;
      }
      byZone.computeIfAbsent(zone.get(), z -> new RecordOperations()).add(i, c, records.get(zone.get().id()));
    }
    try {
      for (Map.Entry<CloudflareZone, RecordOperations> e : byZone.entrySet()) {
        run(e.getKey(), e.getValue().ordered(), failures, failed);
      }
    } finally {
      if (!failed.isEmpty()) {
        fresh = false; // the cache may disagree with Cloudflare: list again next time
      }
    }
    int applied = changes.size() - failed.size();
    return new ApplyResult(applied, failures, (int) (metrics.totalRequests() - before));
  }

  @Override
  public void close() {
    client.close();
  }

  private void run(CloudflareZone zone, List<RecordOperations.Op> ops, List<String> failures, Set<Integer> failed) throws IOException {
    for (int from = 0; from < ops.size(); from += BATCH_LIMIT) {
      List<RecordOperations.Op> chunk = ops.subList(from, Math.min(ops.size(), from + BATCH_LIMIT));
      List<String> deletes = chunk.stream().filter(o -> o.kind() == RecordOperations.Kind.DELETE).map(o -> o.record().id().orElseThrow()).toList();
      List<CloudflareRecord> puts = chunk.stream().filter(o -> o.kind() == RecordOperations.Kind.PUT).map(o -> o.record()).toList();
      List<CloudflareRecord> posts = chunk.stream().filter(o -> o.kind() == RecordOperations.Kind.POST).map(o -> o.record()).toList();
      CloudflareClient.BatchResult result;
      try {
        result = client.batch(zone, deletes, puts, posts);
      } catch (RateLimitedException e) {
        throw e;
      } catch (CloudflareApiException e) {
        if (e.transientFailure()) {
          fresh = false;
          throw e;
        }
        LOG.warn("Cloudflare refused a batch of {} changes in zone {} ({}); applying them one by one", chunk.size(),
            zone.name(), CloudflareErrors.explain(e));
        for (RecordOperations.Op op : chunk) {
          single(zone, op, failures, failed);
        }
        continue;
      } catch (IOException e) {
        fresh = false; // unknown whether the batch landed
        throw e;
      }
      Map<String, CloudflareRecord> cache = records.get(zone.id());
      deletes.forEach(cache::remove);
      if (result.puts().size() != puts.size() || result.posts().size() != posts.size()) {
        fresh = false;
      }
      result.puts().forEach(r -> cache.put(r.id().orElseThrow(), r));
      result.posts().forEach(r -> cache.put(r.id().orElseThrow(), r));
    }
  }

  private void single(CloudflareZone zone, RecordOperations.Op op, List<String> failures, Set<Integer> failed) throws IOException {
    Map<String, CloudflareRecord> cache = records.get(zone.id());
    try {
      switch (op.kind()) {
        case DELETE -> {
          client.delete(zone, op.record().id().orElseThrow(), op.record().describe());
          cache.remove(op.record().id().orElseThrow());
        }
        case PUT -> {
          CloudflareRecord r = client.overwrite(zone, op.record());
          cache.put(r.id().orElseThrow(), r);
        }
        case POST -> {
          CloudflareRecord r = client.create(zone, op.record());
          cache.put(r.id().orElseThrow(), r);
        }
      }
    } catch (CloudflareApiException e) {
      if (op.kind() == RecordOperations.Kind.DELETE && (e.status() == 404 || e.has(81044))) {
        cache.remove(op.record().id().orElseThrow());
        return; // already gone: what we wanted
      }
      String line = CloudflareErrors.describe("cannot " + op.kind().verb + " " + op.record().describe() + " in zone "
          + zone.name() + " (provider " + name + ")", e);
      LOG.warn(line);
      failures.add(line);
      failed.add(op.change());
      metrics.error();
    }
  }

  private Listing listing() {
    Map<String, List<CloudflareRecord>> groups = new TreeMap<>();
    for (Map<String, CloudflareRecord> zone : records.values()) {
      for (CloudflareRecord r : zone.values()) {
        if (r.recordType().isPresent()) {
          groups.computeIfAbsent(r.name() + " " + r.type(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    List<Endpoint> out = new ArrayList<>();
    for (List<CloudflareRecord> group : groups.values()) {
      group.sort(Comparator.comparing(CloudflareRecord::value));
      CloudflareRecord first = group.get(0);
      Map<String, String> props = settings(first);
      if (group.stream().anyMatch(r -> !settings(r).equals(props) || r.ttl() != first.ttl())) {
        props.put(MIXED, "true");
      }
      out.add(new Endpoint(first.name(), first.recordType().orElseThrow(), first.ttl(),
          group.stream().map(CloudflareRecord::value).toList(), Map.of(), props));
    }
    return new Listing(out);
  }

  private static Map<String, String> settings(CloudflareRecord r) {
    Map<String, String> props = new TreeMap<>();
    props.put(PROXIED, Boolean.toString(r.proxied()));
    r.comment().ifPresent(c -> props.put(COMMENT, c));
    if (!r.tags().isEmpty()) {
      props.put(TAGS, String.join(",", r.tags()));
    }
    return props;
  }

  private Optional<Boolean> proxiedOf(Endpoint e) {
    String v = e.providerSpecific().get(PROXIED);
    if (v == null) {
      return Optional.empty();
    }
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> {
        if (warned.add(e.name() + " proxied")) {
          LOG.warn("{} {}: cloudflare-proxied \"{}\" is not a boolean (true/false); using the provider default {}",
              e.name(), e.type(), v, proxiedDefault);
        }
        yield Optional.empty();
      }
    };
  }

  private String trimComment(Endpoint e, String comment) {
    if (comment.length() <= COMMENT_LIMIT) {
      return comment;
    }
    if (warned.add(e.name() + " comment")) {
      LOG.warn("{} {}: the Cloudflare comment is longer than {} characters (the free plan's limit); trimmed",
          e.name(), e.type(), COMMENT_LIMIT);
    }
    return comment.substring(0, COMMENT_LIMIT);
  }

  private static String normalizeTags(String tags) {
    return Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
  }

  private boolean wanted(CloudflareZone z) {
    return zoneFilter.isEmpty()
        || zoneFilter.stream().anyMatch(f -> Hostnames.isInZone(f, z.name()) || Hostnames.isInZone(z.name(), f));
  }

  private Optional<CloudflareZone> zoneFor(String recordName) {
    return zones.stream().filter(z -> Hostnames.isInZone(recordName, z.name()))
        .max(Comparator.comparingInt(z -> z.name().length()));
  }

  private static String verb(Change c) {
    return switch (c) {
      case Change.Create x -> "create";
      case Change.Update x -> "update";
      case Change.Delete x -> "delete";
    };
  }
}
