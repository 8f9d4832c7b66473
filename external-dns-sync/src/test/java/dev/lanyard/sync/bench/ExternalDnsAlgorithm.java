package dev.lanyard.sync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests external-dns's Cloudflare provider sends for one reconcile, replayed from
 * cloudflare-api.md 6.3, 6.6 and 6.8 so the fake can count them: {@code Records()} lists the zones and
 * every zone's records with the SDK auto-pager (no {@code page} first, then {@code page=2..} until an
 * empty page); when the plan has changes, {@code ApplyChanges} lists the zones and every zone's
 * records again, then sends one batch per 200 changes (changes counted per target).
 */
final class ExternalDnsAlgorithm {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;
  private final int perPage;

  ExternalDnsAlgorithm(String base, String token, int perPage) {
    this.base = base;
    this.token = token;
    this.perPage = perPage;
  }

  /** A desired record: one target of an endpoint. */
  record Rec(String name, String type, String content) {}

  /** One reconcile towards {@code desired}; returns the number of changes it sent. */
  int reconcile(List<Rec> desired) throws IOException, InterruptedException {
    Map<String, String> zones = zones();
    Map<Rec, String> current = records(zones);
    Set<Rec> want = new HashSet<>(desired);
    List<ObjectNode> posts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (Rec r : want) {
      if (!current.containsKey(r)) {
        posts.add(JSON.createObjectNode().put("name", r.name()).put("type", r.type()).put("content", r.content())
            .put("ttl", 1).put("proxied", false).put("priority", 0).put("comment", ""));
      }
    }
    current.forEach((r, id) -> {
      if (!want.contains(r) && !r.name().startsWith("ns")) {
        deletes.add(id);
      }
    });
    if (posts.isEmpty() && deletes.isEmpty()) {
      return 0;
    }
    Map<String, String> zonesAgain = zones(); // ApplyChanges: zones again
    records(zonesAgain); // and every zone's records again, to resolve ids
    String zoneId = zonesAgain.keySet().iterator().next();
    List<ObjectNode> ops = new ArrayList<>();
    deletes.forEach(id -> ops.add(JSON.createObjectNode().put("delete", id)));
    ops.addAll(posts);
    for (int from = 0; from < ops.size(); from += 200) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode d = body.putArray("deletes");
      ArrayNode p = body.putArray("posts");
      for (ObjectNode op : ops.subList(from, Math.min(ops.size(), from + 200))) {
        if (op.has("delete")) {
          d.addObject().put("id", op.get("delete").asText());
        } else {
          p.add(op);
        }
      }
      send("POST", "/zones/" + zoneId + "/dns_records/batch", body.toString());
    }
    return ops.size();
  }

  private Map<String, String> zones() throws IOException, InterruptedException {
    Map<String, String> out = new HashMap<>();
    for (JsonNode z : paged("/zones", 50)) {
      out.put(z.path("id").asText(), z.path("name").asText());
    }
    return out;
  }

  private Map<Rec, String> records(Map<String, String> zones) throws IOException, InterruptedException {
    Map<Rec, String> out = new HashMap<>();
    for (String id : zones.keySet()) {
      for (JsonNode r : paged("/zones/" + id + "/dns_records", perPage)) {
        out.put(new Rec(r.path("name").asText(), r.path("type").asText(), r.path("content").asText()), r.path("id").asText());
      }
    }
    return out;
  }

  private List<JsonNode> paged(String path, int size) throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode root = send("GET", path + "?per_page=" + size + (page > 1 ? "&page=" + page : ""), null);
      JsonNode result = root.path("result");
      if (result.isEmpty()) {
        return all;
      }
      result.forEach(all::add);
    }
  }

  private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode root = JSON.readTree(r.body());
    if (r.statusCode() >= 400) {
      throw new IOException(method + " " + path + " -> " + r.statusCode() + " " + root.path("errors"));
    }
    return root;
  }
}
