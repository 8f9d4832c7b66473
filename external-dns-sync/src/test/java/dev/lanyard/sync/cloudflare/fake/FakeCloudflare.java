package dev.lanyard.sync.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.core.model.Hostnames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Cloudflare API v4 server for tests, written from cloudflare-api.md: the envelope, zones, paged
 * listings with an empty page past the end, single and batch writes (deletes, patches, puts, posts in
 * one transaction, rolled back on any error, at most {@code batchLimit} operations), the record rules
 * (TTL, proxiable types, proxied private addresses, CNAME exclusivity, duplicates, quota, comment and
 * tag limits), Bearer token auth, and a rate limit answering 429 with Retry-After. It counts every
 * request by kind, and can mirror its TXT records to pebble-challtestsrv so an ACME server sees them.
 *
 * <p>Run it alone with {@link #main}: {@code <port> <token> <zone[,zone...]> [seed.json]
 * [--challtestsrv=http://127.0.0.1:8055] [--rate-limit=1200/300] [--record-quota=N]}.
 */
public final class FakeCloudflare implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/client/v4";

  private final String token;
  private final int batchLimit;
  private final FakeZone.Rules rules;
  private final int rateLimit;
  private final Duration rateWindow;
  private final Clock clock;
  private final Map<String, FakeZone> zones = new LinkedHashMap<>();
  private final Map<RequestKind, AtomicLong> counts = new EnumMap<>(RequestKind.class);
  private final AtomicLong rateLimited = new AtomicLong();
  private final ArrayDeque<Long> recent = new ArrayDeque<>();
  private final List<String> log = new ArrayList<>();
  private long blockedUntil;
  private Optional<ChalltestsrvMirror> mirror = Optional.empty();
  private HttpServer server;
  private ExecutorService executor;

  private FakeCloudflare(Builder b) {
    this.token = b.token;
    this.batchLimit = b.batchLimit;
    this.rules = new FakeZone.Rules(b.recordQuota, b.commentLimit, b.tagQuota, b.clock);
    this.rateLimit = b.rateLimit;
    this.rateWindow = b.rateWindow;
    this.clock = b.clock;
    for (RequestKind k : RequestKind.values()) {
      counts.put(k, new AtomicLong());
    }
    for (String z : b.zones) {
      String id = FakeZone.newId();
      zones.put(id, new FakeZone(id, Hostnames.normalize(z)));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options, with Cloudflare Free-plan defaults. */
  public static final class Builder {
    private String token = "test-token";
    private final List<String> zones = new ArrayList<>();
    private int batchLimit = 200;
    private int recordQuota = 1000;
    private int commentLimit = 100;
    private int tagQuota = 0;
    private int rateLimit = 1200;
    private Duration rateWindow = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    public Builder token(String t) {
      token = t;
      return this;
    }

    public Builder zone(String name) {
      zones.add(name);
      return this;
    }

    /** Operations per batch (Free 200, paid 3,500). */
    public Builder batchLimit(int n) {
      batchLimit = n;
      return this;
    }

    /** Records per zone before 81045 (Free 200 or 1,000, paid 3,500). */
    public Builder recordQuota(int n) {
      recordQuota = n;
      return this;
    }

    public Builder commentLimit(int n) {
      commentLimit = n;
      return this;
    }

    /** Tags per record (Free 0). */
    public Builder tagQuota(int n) {
      tagQuota = n;
      return this;
    }

    /** Requests per window before every call answers 429 for a whole window (Cloudflare: 1,200 per 5 minutes). */
    public Builder rateLimit(int requests, Duration window) {
      rateLimit = requests;
      rateWindow = window;
      return this;
    }

    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    /** Starts the server on a free port of 127.0.0.1. */
    public FakeCloudflare start() throws IOException {
      return start(0);
    }

    public FakeCloudflare start(int port) throws IOException {
      FakeCloudflare f = new FakeCloudflare(this);
      f.listen(port);
      return f;
    }
  }

  private void listen(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The API base URL, e.g. {@code http://127.0.0.1:40123/client/v4}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Mirrors every TXT change to pebble-challtestsrv's management API (set-txt / clear-txt). */
  public synchronized FakeCloudflare mirrorTxtTo(URI challtestsrvManagement) {
    mirror = Optional.of(new ChalltestsrvMirror(challtestsrvManagement));
    return this;
  }

  public synchronized String zoneId(String zoneName) {
    return zone(zoneName).id;
  }

  /** Adds a record as if made in the dashboard (not counted as a request). */
  public synchronized FakeRecord seed(String name, String type, String content, long ttl, boolean proxied) {
    FakeZone z = zoneOf(Hostnames.normalize(name));
    ObjectNode body = JSON.createObjectNode().put("name", name).put("type", type).put("content", content)
        .put("ttl", ttl).put("proxied", proxied);
    FakeRecord r = z.create(body, rules);
    mirror(Set.of(r.name()));
    return r;
  }

  /** Deletes a record as if in the dashboard (not counted). */
  public synchronized void remove(String recordId) {
    for (FakeZone z : zones.values()) {
      if (z.records.containsKey(recordId)) {
        FakeRecord r = z.delete(recordId);
        mirror(Set.of(r.name()));
      }
    }
  }

  /** The records of a zone, in listing order. */
  public synchronized List<FakeRecord> records(String zoneName) {
    return List.copyOf(zone(zoneName).records.values());
  }

  public synchronized List<FakeRecord> records(String zoneName, String name, String type) {
    return records(zoneName).stream().filter(r -> r.name().equals(name) && r.type().equals(type)).toList();
  }

  public long requests(RequestKind kind) {
    return counts.get(kind).get();
  }

  public long totalRequests() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long writeRequests() {
    return counts.entrySet().stream().filter(e -> e.getKey().isWrite()).mapToLong(e -> e.getValue().get()).sum();
  }

  public long listRequests() {
    return counts.entrySet().stream().filter(e -> e.getKey().isList()).mapToLong(e -> e.getValue().get()).sum();
  }

  /** Requests answered 429. */
  public long rateLimitedRequests() {
    return rateLimited.get();
  }

  /** Request lines ({@code GET /client/v4/zones?per_page=50 -> 200}) since the last reset. */
  public synchronized List<String> requestLog() {
    return List.copyOf(log);
  }

  public synchronized void resetCounters() {
    counts.values().forEach(c -> c.set(0));
    rateLimited.set(0);
    log.clear();
  }

  /** Every request answers 429 with this Retry-After until it has passed. */
  public synchronized void forceRateLimit(Duration retryAfter) {
    blockedUntil = clock.millis() + retryAfter.toMillis();
  }

  public synchronized void clearRateLimit() {
    blockedUntil = 0;
    recent.clear();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Response r;
      synchronized (this) {
        r = respond(ex);
        log.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " -> " + r.status);
      }
      byte[] body = JSON.writeValueAsBytes(r.body);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      r.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(r.status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Response(int status, JsonNode body, Map<String, String> headers) {}

  private Response respond(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String[] seg = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/") : new String[0];
    RequestKind kind = kind(method, seg);
    counts.get(kind).incrementAndGet();
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    long now = clock.millis();
    Optional<Response> limited = rateLimit(now);
    if (limited.isPresent()) {
      rateLimited.incrementAndGet();
      return limited.get();
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.equals("Bearer " + token)) {
      return error(new FakeApiError(403, 10000, "Authentication error"));
    }
    try {
      JsonNode body = raw.length == 0 ? null : parse(raw);
      return ok(route(method, seg, query, body, kind));
    } catch (FakeApiError e) {
      return error(e);
    } catch (RuntimeException e) {
      return error(new FakeApiError(500, 10001, "internal error of the fake: " + e));
    }
  }

  private Optional<Response> rateLimit(long now) {
    if (blockedUntil <= now) {
      while (!recent.isEmpty() && recent.peekFirst() <= now - rateWindow.toMillis()) {
        recent.pollFirst();
      }
      recent.addLast(now);
      if (recent.size() <= rateLimit) {
        return Optional.empty();
      }
      blockedUntil = now + rateWindow.toMillis();
    }
    long seconds = Math.max(1, (blockedUntil - now + 999) / 1000);
    ObjectNode body = envelope(false);
    body.putNull("result");
    body.withArray("errors").addObject().put("code", 10429)
        .put("message", "Rate limited. Please wait and consider throttling your request speed");
    return Optional.of(new Response(429, body, Map.of("Retry-After", Long.toString(seconds))));
  }

  private Result route(String method, String[] seg, Map<String, String> query, JsonNode body, RequestKind kind) {
    // seg[0] is "" (leading slash)
    if (seg.length == 2 && seg[1].equals("zones") && method.equals("GET")) {
      List<FakeZone> list = zones.values().stream()
          .filter(z -> !query.containsKey("name") || z.name.equals(Hostnames.normalize(query.get("name")))).toList();
      return page(list.stream().map(this::zoneJson).toList(), query, 20, 50);
    }
    if (seg.length < 3 || !seg[1].equals("zones")) {
      throw noRoute(seg);
    }
    FakeZone zone = zones.get(seg[2]);
    if (zone == null) {
      throw new FakeApiError(404, 7003, "Could not route to " + String.join("/", seg)
          + ", perhaps your object identifier is invalid?");
    }
    if (seg.length == 3 && method.equals("GET")) {
      return new Result(zoneJson(zone), Optional.empty());
    }
    if (seg.length < 4 || !seg[3].equals("dns_records")) {
      throw noRoute(seg);
    }
    if (seg.length == 4 && method.equals("GET")) {
      List<JsonNode> list = zone.records.values().stream()
          .filter(r -> !query.containsKey("name") || r.name().equals(Hostnames.normalize(query.get("name"))))
          .filter(r -> !query.containsKey("type") || r.type().equalsIgnoreCase(query.get("type")))
          .filter(r -> !query.containsKey("content") || r.content().equals(query.get("content")))
          .map(this::recordJson).toList();
      return page(list, query, 100, 5000);
    }
    if (seg.length == 4 && method.equals("POST")) {
      FakeRecord r = zone.create(body, rules);
      mirror(Set.of(r.name()));
      return new Result(recordJson(r), Optional.empty());
    }
    if (seg.length == 5 && seg[4].equals("batch") && method.equals("POST")) {
      return new Result(batch(zone, body), Optional.empty());
    }
    if (seg.length == 5) {
      String id = seg[4];
      switch (method) {
        case "GET" -> {
          return new Result(recordJson(zone.existing(id)), Optional.empty());
        }
        case "PUT" -> {
          String before = zone.existing(id).name();
          FakeRecord r = zone.overwrite(id, body, rules);
          mirror(new HashSet<>(List.of(before, r.name())));
          return new Result(recordJson(r), Optional.empty());
        }
        case "PATCH" -> {
          String before = zone.existing(id).name();
          FakeRecord r = zone.edit(id, body, rules);
          mirror(new HashSet<>(List.of(before, r.name())));
          return new Result(recordJson(r), Optional.empty());
        }
        case "DELETE" -> {
          FakeRecord r = zone.delete(id);
          mirror(Set.of(r.name()));
          return new Result(JSON.createObjectNode().put("id", r.id()), Optional.empty());
        }
        default -> throw noRoute(seg);
      }
    }
    throw noRoute(seg);
  }

  /** Deletes, patches, puts, posts on a copy; the copy replaces the zone only if all succeed. */
  private JsonNode batch(FakeZone zone, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw FakeApiError.validation(1004, "Request body is invalid.");
    }
    int ops = 0;
    for (String k : List.of("deletes", "patches", "puts", "posts")) {
      ops += body.path(k).size();
    }
    if (ops > batchLimit) {
      throw FakeApiError.validation(1004, "The batch holds " + ops + " operations; the limit for this zone's plan is "
          + batchLimit + ".");
    }
    FakeZone work = zone.copy();
    ObjectNode result = JSON.createObjectNode();
    Set<String> touched = new HashSet<>();
    ArrayNode deletes = result.putArray("deletes");
    ArrayNode patches = result.putArray("patches");
    ArrayNode puts = result.putArray("puts");
    ArrayNode posts = result.putArray("posts");
    int i = 0;
    for (JsonNode d : body.path("deletes")) {
      String pointer = "/deletes/" + i++;
      FakeRecord r = at(pointer, () -> work.delete(d.path("id").asText("")));
      touched.add(r.name());
      deletes.add(recordJson(r));
    }
    i = 0;
    for (JsonNode p : body.path("patches")) {
      String pointer = "/patches/" + i++;
      FakeRecord r = at(pointer, () -> work.edit(p.path("id").asText(""), p, rules));
      touched.add(r.name());
      patches.add(recordJson(r));
    }
    i = 0;
    for (JsonNode p : body.path("puts")) {
      String pointer = "/puts/" + i++;
      String before = at(pointer, () -> work.existing(p.path("id").asText(""))).name();
      FakeRecord r = at(pointer, () -> work.overwrite(p.path("id").asText(""), p, rules));
      touched.add(before);
      touched.add(r.name());
      puts.add(recordJson(r));
    }
    i = 0;
    for (JsonNode p : body.path("posts")) {
      String pointer = "/posts/" + i++;
      FakeRecord r = at(pointer, () -> work.create(p, rules));
      touched.add(r.name());
      posts.add(recordJson(r));
    }
    zone.records.clear();
    zone.records.putAll(work.records);
    mirror(touched);
    return result;
  }

  private interface Op<T> {
    T run();
  }

  private static <T> T at(String pointer, Op<T> op) {
    try {
      return op.run();
    } catch (FakeApiError e) {
      throw e.at(pointer);
    }
  }

  private record Result(JsonNode result, Optional<ObjectNode> info) {}

  private Result page(List<JsonNode> all, Map<String, String> query, int defaultPerPage, int maxPerPage) {
    int perPage = intParam(query, "per_page", defaultPerPage);
    int page = intParam(query, "page", 1);
    if (perPage < 1 || page < 1) {
      throw FakeApiError.validation(1004, "per_page and page must be positive.");
    }
    perPage = Math.min(Math.max(perPage, 5), maxPerPage);
    int from = (int) Math.min((long) (page - 1) * perPage, all.size());
    int to = Math.min(from + perPage, all.size());
    ArrayNode result = JSON.createArrayNode();
    all.subList(from, to).forEach(result::add);
    ObjectNode info = JSON.createObjectNode().put("page", page).put("per_page", perPage).put("count", to - from)
        .put("total_count", all.size()).put("total_pages", (all.size() + perPage - 1) / perPage);
    return new Result(result, Optional.of(info));
  }

  private static int intParam(Map<String, String> query, String key, int dflt) {
    String v = query.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw FakeApiError.validation(1004, key + " must be a number.");
    }
  }

  private Response ok(Result r) {
    ObjectNode body = envelope(true);
    body.set("result", r.result());
    r.info().ifPresent(info -> body.set("result_info", info));
    return new Response(200, body, Map.of());
  }

  private Response error(FakeApiError e) {
    ObjectNode body = envelope(false);
    body.putNull("result");
    body.withArray("errors").add(errorJson(e));
    return new Response(e.status, body, Map.of());
  }

  private static ObjectNode errorJson(FakeApiError e) {
    ObjectNode o = JSON.createObjectNode().put("code", e.code).put("message", e.getMessage());
    e.pointer.ifPresent(p -> o.putObject("source").put("pointer", p));
    if (!e.chain.isEmpty()) {
      ArrayNode chain = o.putArray("error_chain");
      e.chain.forEach(c -> chain.add(errorJson(c)));
    }
    return o;
  }

  private static ObjectNode envelope(boolean success) {
    ObjectNode o = JSON.createObjectNode().put("success", success);
    o.putArray("errors");
    o.putArray("messages");
    return o;
  }

  private JsonNode zoneJson(FakeZone z) {
    ObjectNode o = JSON.createObjectNode().put("id", z.id).put("name", z.name).put("status", "active")
        .put("paused", false).put("type", "full");
    o.putArray("name_servers").add("ada.ns.cloudflare.com").add("bob.ns.cloudflare.com");
    o.putObject("plan").put("id", "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee").put("name", "Free Website").put("is_subscribed", false);
    o.putObject("account").put("id", "01a7362d577a6c3019a474fd6f485823").put("name", "Lanyard tests");
    return o;
  }

  private JsonNode recordJson(FakeRecord r) {
    ObjectNode o = JSON.createObjectNode().put("id", r.id()).put("zone_id", r.zoneId()).put("zone_name", r.zoneName())
        .put("name", r.name()).put("type", r.type()).put("content", r.content()).put("proxiable", r.proxiable())
        .put("proxied", r.proxied()).put("ttl", r.ttl()).put("locked", false);
    if (r.comment().isPresent()) {
      o.put("comment", r.comment().get());
    } else {
      o.putNull("comment");
    }
    r.tags().forEach(o.putArray("tags")::add);
    o.putObject("settings");
    o.putObject("meta").put("auto_added", false).put("managed_by_apps", false).put("managed_by_argo_tunnel", false);
    o.put("created_on", r.createdOn().toString()).put("modified_on", r.modifiedOn().toString());
    return o;
  }

  private static RequestKind kind(String method, String[] seg) {
    boolean records = seg.length >= 4 && seg[1].equals("zones") && seg[3].equals("dns_records");
    if (seg.length == 2 && seg[1].equals("zones") && method.equals("GET")) {
      return RequestKind.LIST_ZONES;
    }
    if (seg.length == 3 && seg[1].equals("zones") && method.equals("GET")) {
      return RequestKind.GET_ZONE;
    }
    if (records && seg.length == 4) {
      return method.equals("GET") ? RequestKind.LIST_RECORDS : method.equals("POST") ? RequestKind.CREATE : RequestKind.OTHER;
    }
    if (records && seg.length == 5 && seg[4].equals("batch")) {
      return method.equals("POST") ? RequestKind.BATCH : RequestKind.OTHER;
    }
    if (records && seg.length == 5) {
      return switch (method) {
        case "GET" -> RequestKind.GET_RECORD;
        case "PUT" -> RequestKind.OVERWRITE;
        case "PATCH" -> RequestKind.EDIT;
        case "DELETE" -> RequestKind.DELETE;
        default -> RequestKind.OTHER;
      };
    }
    return RequestKind.OTHER;
  }

  private static FakeApiError noRoute(String[] seg) {
    return new FakeApiError(404, 7000, "No route for that URI: " + String.join("/", seg));
  }

  private static JsonNode parse(byte[] raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      throw FakeApiError.validation(1004, "Request body is not valid JSON.");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private FakeZone zone(String zoneName) {
    return zones.values().stream().filter(z -> z.name.equals(Hostnames.normalize(zoneName))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the fake has no zone " + zoneName));
  }

  private FakeZone zoneOf(String name) {
    return zones.values().stream().filter(z -> Hostnames.isInZone(name, z.name))
        .max(Comparator.comparingInt(z -> z.name.length()))
        .orElseThrow(() -> new IllegalArgumentException("the fake has no zone for " + name));
  }

  /** Tells pebble-challtestsrv the TXT values now held at each name. */
  private void mirror(Set<String> names) {
    if (mirror.isEmpty()) {
      return;
    }
    for (String name : names) {
      List<String> values = new ArrayList<>();
      zones.values().forEach(z -> z.records.values().stream()
          .filter(r -> r.name().equals(name) && r.type().equals("TXT"))
          .forEach(r -> values.add(r.unquotedContent())));
      mirror.get().publish(name, values);
    }
  }

  /**
   * Runs the fake as its own process: {@code <port> <token> <zone[,zone...]> [seed.json]} and options
   * {@code --challtestsrv=URL}, {@code --rate-limit=REQUESTS/SECONDS}, {@code --record-quota=N}. The seed
   * file is a JSON array of {@code {"name","type","content","ttl","proxied"}}. Prints the base URL.
   */
  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new TreeMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        positional.add(a);
      }
    }
    if (positional.size() < 3) {
      System.err.println("usage: FakeCloudflare <port> <token> <zone[,zone...]> [seed.json] [--challtestsrv=URL]"
          + " [--rate-limit=REQUESTS/SECONDS] [--record-quota=N]");
      System.exit(2);
    }
    Builder b = builder().token(positional.get(1));
    for (String z : positional.get(2).split(",")) {
      b.zone(z.trim());
    }
    if (options.containsKey("rate-limit")) {
      String[] rl = options.get("rate-limit").split("/");
      b.rateLimit(Integer.parseInt(rl[0]), Duration.ofSeconds(Long.parseLong(rl[1])));
    }
    if (options.containsKey("record-quota")) {
      b.recordQuota(Integer.parseInt(options.get("record-quota")));
    }
    FakeCloudflare fake = b.start(Integer.parseInt(positional.get(0)));
    if (options.containsKey("challtestsrv")) {
      fake.mirrorTxtTo(URI.create(options.get("challtestsrv")));
    }
    if (positional.size() > 3) {
      for (JsonNode r : JSON.readTree(Files.readString(Path.of(positional.get(3))))) {
        fake.seed(r.path("name").asText(), r.path("type").asText(), r.path("content").asText(), r.path("ttl").asLong(1),
            r.path("proxied").asBoolean(false));
      }
    }
    System.out.println("FakeCloudflare listening on " + fake.baseUrl());
    System.out.flush();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      done.countDown();
    }));
    done.await();
  }
}
