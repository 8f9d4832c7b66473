package dev.lanyard.sync.provider.cloudflare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.core.net.RetryAfter;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.RateLimitedException;
import dev.lanyard.sync.provider.RequestBudget;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Cloudflare API v4 calls Lanyard makes, on OkHttp. Every request first takes one unit of the
 * request budget; a 429 blocks the budget for its Retry-After and surfaces as
 * {@link RateLimitedException}. The token is sent as a Bearer header and never logged.
 */
public final class CloudflareClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final int ZONES_PER_PAGE = 50;
  private static final int MAX_PAGES = 10_000;

  private final HttpUrl base;
  private final String token;
  private final OkHttpClient http;
  private final RequestBudget budget;
  private final ProviderMetrics metrics;
  private final Clock clock;
  private final int recordsPerPage;

  public CloudflareClient(String baseUrl, String token, OkHttpClient http, RequestBudget budget,
      ProviderMetrics metrics, Clock clock, int recordsPerPage) {
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("Cloudflare baseUrl \"" + baseUrl + "\" is not an http(s) URL");
    }
    this.base = parsed;
    this.token = token;
    this.http = http;
    this.budget = budget;
    this.metrics = metrics;
    this.clock = clock;
    this.recordsPerPage = recordsPerPage;
  }

  public RequestBudget budget() {
    return budget;
  }

  /** Releases OkHttp's idle connections and threads. */
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Every zone the token can see ({@code GET /zones}, paged). */
  public List<CloudflareZone> zones() throws IOException {
    List<CloudflareZone> zones = new ArrayList<>();
    for (JsonNode z : paged(url("zones"), ZONES_PER_PAGE, "GET /zones")) {
      String id = z.path("id").asText("");
      String name = z.path("name").asText("");
      if (id.isEmpty() || name.isEmpty()) {
        throw new IOException("Cloudflare listed a zone without id or name: " + CloudflareRecord.abbreviate(z.toString()));
      }
      zones.add(new CloudflareZone(id, name.toLowerCase(java.util.Locale.ROOT)));
    }
    return zones;
  }

  /** Every DNS record of a zone, paged with {@code per_page=recordsPerPage} until an empty (or short) page. */
  public List<CloudflareRecord> records(CloudflareZone zone) throws IOException {
    return parseRecords(paged(url("zones", zone.id(), "dns_records"), recordsPerPage,
        "GET /zones/" + zone.id() + "/dns_records (" + zone.name() + ")"));
  }

  /** The records of one name and type ({@code ?name=&type=}), for the ACME TXT publisher. */
  public List<CloudflareRecord> records(CloudflareZone zone, String name, String type) throws IOException {
    HttpUrl url = url("zones", zone.id(), "dns_records").newBuilder()
        .addQueryParameter("name", name).addQueryParameter("type", type).build();
    return parseRecords(paged(url, recordsPerPage, "GET dns_records for " + name + " " + type));
  }

  /**
   * One batch: deletes, then puts, then posts, in one transaction at Cloudflare (all or nothing).
   * Returns the records Cloudflare holds afterwards for the puts and posts, in request order.
   */
  public BatchResult batch(CloudflareZone zone, List<String> deleteIds, List<CloudflareRecord> puts,
      List<CloudflareRecord> posts) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    if (!deleteIds.isEmpty()) {
      ArrayNode d = body.putArray("deletes");
      deleteIds.forEach(id -> d.addObject().put("id", id));
    }
    if (!puts.isEmpty()) {
      ArrayNode p = body.putArray("puts");
      puts.forEach(r -> p.add(r.toJson(true)));
    }
    if (!posts.isEmpty()) {
      ArrayNode p = body.putArray("posts");
      posts.forEach(r -> p.add(r.toJson(false)));
    }
    String what = "POST /zones/" + zone.id() + "/dns_records/batch (" + zone.name() + ", "
        + (deleteIds.size() + puts.size() + posts.size()) + " changes)";
    JsonNode result = call("POST", url("zones", zone.id(), "dns_records", "batch"), body, what).path("result");
    return new BatchResult(parseRecords(result.path("puts")), parseRecords(result.path("posts")));
  }

  /** The records a successful batch left: the overwritten ones and the created ones. */
  public record BatchResult(List<CloudflareRecord> puts, List<CloudflareRecord> posts) {}

  public CloudflareRecord create(CloudflareZone zone, CloudflareRecord r) throws IOException {
    JsonNode res = call("POST", url("zones", zone.id(), "dns_records"), r.toJson(false),
        "POST dns_records " + r.describe()).path("result");
    return parseRecord(res);
  }

  public CloudflareRecord overwrite(CloudflareZone zone, CloudflareRecord r) throws IOException {
    String id = r.id().orElseThrow(() -> new IllegalArgumentException("overwrite needs an id: " + r.describe()));
    JsonNode res = call("PUT", url("zones", zone.id(), "dns_records", id), r.toJson(false),
        "PUT dns_records/" + id + " " + r.describe()).path("result");
    return parseRecord(res);
  }

  public void delete(CloudflareZone zone, String id, String describe) throws IOException {
    call("DELETE", url("zones", zone.id(), "dns_records", id), null, "DELETE dns_records/" + id + " " + describe);
  }

  private List<JsonNode> paged(HttpUrl first, int perPage, String what) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpUrl.Builder b = first.newBuilder().setQueryParameter("per_page", Integer.toString(perPage));
      if (page > 1) {
        b.setQueryParameter("page", Integer.toString(page));
      }
      JsonNode root = call("GET", b.build(), null, what + (page > 1 ? " page " + page : ""));
      JsonNode result = root.path("result");
      if (!result.isArray()) {
        throw new IOException("Cloudflare answered " + what + " without a result array");
      }
      if (result.isEmpty()) {
        return all;
      }
      result.forEach(all::add);
      int served = root.path("result_info").path("per_page").asInt(perPage);
      if (result.size() < served) {
        return all; // a short page is the last one: no need to fetch the empty page after it
      }
    }
    throw new IOException("Cloudflare kept returning full pages for " + what + " past page " + MAX_PAGES);
  }

  private JsonNode call(String method, HttpUrl url, JsonNode body, String what) throws IOException {
    budget.acquire();
    Request.Builder rb = new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .header("User-Agent", "lanyard");
    RequestBody rbody = body == null ? null : RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
    rb.method(method, rbody);
    String text;
    int status = -1;
    Duration retryAfter;
    try (Response response = http.newCall(rb.build()).execute()) {
      status = response.code();
      text = response.body().string();
      retryAfter = retryAfter(response::header);
    } catch (java.io.InterruptedIOException e) {
      metrics.request(method, "error");
      throw new IOException("Cloudflare did not answer " + what + " in time (" + e.getMessage() + "; limits: connect "
          + CONNECT_TIMEOUT.toSeconds() + "s, read " + READ_TIMEOUT.toSeconds() + "s, whole call " + CALL_TIMEOUT.toSeconds()
          + "s)", e);
    } catch (IOException e) {
      metrics.request(method, "error");
      throw new IOException((status >= 0 ? "Cloudflare's answer to " + what + " (HTTP " + status + ") broke off: "
          : "Cloudflare unreachable for " + what + ": ") + e.getMessage(), e);
    }
    metrics.request(method, Integer.toString(status));
    JsonNode root = null;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      if (status != 429) {
        throw new IOException("Cloudflare answered " + what + " with HTTP " + status + " and a body that is not JSON: "
            + CloudflareRecord.abbreviate(text));
      }
    }
    List<CloudflareError> errors = new ArrayList<>();
    if (root != null) {
      root.path("errors").forEach(e -> errors.add(CloudflareError.fromJson(e)));
    }
    boolean limited = status == 429
        || errors.stream().anyMatch(e -> CloudflareErrors.RATE_LIMIT_CODES.contains(e.code()));
    if (limited) {
      budget.blockFor(retryAfter);
      throw new RateLimitedException("Cloudflare rate-limited " + what + " (HTTP " + status + "); retrying after "
          + retryAfter.toSeconds() + "s", retryAfter);
    }
    if (root != null && status < 400 && !root.has("success")) {
      throw new IOException("Cloudflare answered " + what + " with HTTP " + status + " and JSON that is not an API answer"
          + " (no \"success\" field): " + CloudflareRecord.abbreviate(text));
    }
    if (root == null || status >= 400 || !root.path("success").asBoolean(false)) {
      throw new CloudflareApiException(what, status, errors);
    }
    return root;
  }

  /**
   * Retry-After-Ms, else Retry-After (seconds or a date), else a minute; at most
   * {@link #MAX_RETRY_AFTER}: Cloudflare's limits are per five minutes, so a longer wait is a broken
   * answer and must not stall sync for days.
   */
  private Duration retryAfter(Function<String, String> header) {
    Duration asked = milliseconds(header.apply("Retry-After-Ms"))
        .or(() -> RetryAfter.parse(header.apply("Retry-After"), clock.instant()))
        .orElse(DEFAULT_RETRY_AFTER);
    return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
  }

  private static Optional<Duration> milliseconds(String header) {
    try {
      double v = header == null ? Double.NaN : Double.parseDouble(header.trim());
      return v >= 0 ? Optional.of(Duration.ofMillis((long) Math.min(v, MAX_RETRY_AFTER.toMillis()))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private static List<CloudflareRecord> parseRecords(Iterable<JsonNode> nodes) throws IOException {
    List<CloudflareRecord> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      out.add(parseRecord(n));
    }
    return out;
  }

  private static CloudflareRecord parseRecord(JsonNode n) throws IOException {
    try {
      return CloudflareRecord.fromJson(n);
    } catch (IllegalArgumentException e) {
      throw new IOException("Cloudflare answered with a bad record: " + e.getMessage(), e);
    }
  }
}
