package dev.lanyard.sync.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One zone of the fake and Cloudflare's rules for its records (cloudflare-api.md 6.7). The codes
 * that document names are used as documented; other validation failures answer 1004 "DNS
 * Validation Error" with the reason in the error chain.
 */
final class FakeZone {
  private static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA", "PTR");
  private static final int TXT_MAX = 2048;

  /** Plan limits that differ between Free and paid zones. */
  record Rules(int recordQuota, int commentLimit, int tagQuota, Clock clock) {}

  final String id;
  final String name;
  final Map<String, FakeRecord> records;

  FakeZone(String id, String name) {
    this(id, name, new LinkedHashMap<>());
  }

  private FakeZone(String id, String name, Map<String, FakeRecord> records) {
    this.id = id;
    this.name = name;
    this.records = records;
  }

  /** A copy to run a batch on: the batch replaces the zone's records only when every operation succeeded. */
  FakeZone copy() {
    return new FakeZone(id, name, new LinkedHashMap<>(records));
  }

  FakeRecord create(JsonNode body, Rules rules) {
    FakeRecord r = parse(Optional.empty(), body, rules);
    if (records.size() >= rules.recordQuota()) {
      throw new FakeApiError(400, 81045, "The record quota has been exceeded.");
    }
    checkConflicts(r, Optional.empty());
    records.put(r.id(), r);
    return r;
  }

  FakeRecord overwrite(String recordId, JsonNode body, Rules rules) {
    FakeRecord old = existing(recordId);
    FakeRecord r = parse(Optional.of(old), body, rules);
    checkConflicts(r, Optional.of(recordId));
    records.put(recordId, r);
    return r;
  }

  FakeRecord edit(String recordId, JsonNode patch, Rules rules) {
    FakeRecord old = existing(recordId);
    ObjectNode merged = FakeCloudflare.JSON.createObjectNode();
    merged.put("type", old.type()).put("name", old.name()).put("content", old.content()).put("ttl", old.ttl())
        .put("proxied", old.proxied()).put("comment", old.comment().orElse(""));
    old.tags().forEach(merged.putArray("tags")::add);
    patch.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    return overwrite(recordId, merged, rules);
  }

  FakeRecord delete(String recordId) {
    FakeRecord old = existing(recordId);
    records.remove(recordId);
    return old;
  }

  FakeRecord existing(String recordId) {
    FakeRecord r = records.get(recordId);
    if (r == null) {
      throw new FakeApiError(404, 81044, "Record does not exist.");
    }
    return r;
  }

  private FakeRecord parse(Optional<FakeRecord> old, JsonNode body, Rules rules) {
    if (body == null || !body.isObject()) {
      throw FakeApiError.validation(1004, "Request body is invalid.");
    }
    String type = text(body, "type").toUpperCase(Locale.ROOT);
    if (type.isEmpty()) {
      throw FakeApiError.validation(1004, "DNS record type is required.");
    }
    if (!TYPES.contains(type)) {
      throw FakeApiError.validation(1004, "Unsupported record type '" + type + "'.");
    }
    String rawName = text(body, "name");
    if (rawName.isEmpty()) {
      throw FakeApiError.validation(1004, "DNS name is invalid.");
    }
    String recordName = absolute(rawName);
    if (!Hostnames.isValid(recordName) && !recordName.matches("[a-z0-9_*.-]+")) {
      throw FakeApiError.validation(1004, "DNS name is invalid.");
    }
    String content = text(body, "content");
    if (content.isEmpty()) {
      throw FakeApiError.validation(1004, "Content is required.");
    }
    boolean proxied = body.path("proxied").asBoolean(false);
    content = switch (type) {
      case "A" -> ip(content, Inet4Address.class, 9005, "Content for A record must be a valid IPv4 address.", proxied);
      case "AAAA" -> ip(content, Inet6Address.class, 9006, "Content for AAAA record must be a valid IPv6 address.", proxied);
      case "CNAME" -> {
        String target = Hostnames.normalize(content);
        if (!Hostnames.isValid(target)) {
          throw FakeApiError.validation(1004, "Content for CNAME record is invalid.");
        }
        if (target.equals(recordName)) {
          throw FakeApiError.validation(1004, "CNAME content cannot reference itself.");
        }
        yield target;
      }
      case "TXT" -> {
        if (content.length() > TXT_MAX) {
          throw FakeApiError.validation(1004, "TXT content length must be less than " + TXT_MAX + " characters.");
        }
        yield content;
      }
      default -> content;
    };
    boolean proxiable = type.equals("A") || type.equals("AAAA") || type.equals("CNAME");
    if (proxied && !proxiable) {
      throw FakeApiError.validation(9004, "This record type cannot be proxied.");
    }
    long ttl = body.has("ttl") ? body.path("ttl").asLong(-1) : 1;
    if (ttl != 1 && (ttl < 60 || ttl > 86_400)) {
      throw FakeApiError.validation(9021, "TTL must be between 60 and 86400 seconds, or 1 for Automatic.");
    }
    String comment = body.path("comment").isTextual() ? body.path("comment").asText() : "";
    if (comment.length() > rules.commentLimit()) {
      throw FakeApiError.validation(1004, "Comment is too long: the limit for this zone's plan is "
          + rules.commentLimit() + " characters.");
    }
    TreeSet<String> tags = new TreeSet<>();
    body.path("tags").forEach(t -> tags.add(t.asText()));
    if (tags.size() > rules.tagQuota()) {
      throw FakeApiError.validation(9300, "DNS record has " + tags.size() + " tags, exceeding the quota of "
          + rules.tagQuota() + ".");
    }
    var now = rules.clock().instant();
    return new FakeRecord(old.map(FakeRecord::id).orElseGet(FakeZone::newId), id, name, recordName, type, content,
        proxied ? 1 : ttl, proxied, comment.isEmpty() ? Optional.empty() : Optional.of(comment), new ArrayList<>(tags),
        old.map(FakeRecord::createdOn).orElse(now), now);
  }

  private void checkConflicts(FakeRecord r, Optional<String> replacing) {
    List<FakeRecord> sameName = records.values().stream()
        .filter(x -> x.name().equals(r.name()) && replacing.map(id -> !id.equals(x.id())).orElse(true))
        .toList();
    if (sameName.stream().anyMatch(x -> x.type().equals("CNAME"))) {
      throw new FakeApiError(400, 81054, "A CNAME record with that host already exists.");
    }
    if (r.type().equals("CNAME") && !sameName.isEmpty()) {
      throw new FakeApiError(400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
    }
    if (sameName.stream().anyMatch(x -> x.type().equals(r.type()) && x.content().equals(r.content()))) {
      throw new FakeApiError(400, replacing.isPresent() ? 81057 : 81058,
          replacing.isPresent() ? "The record already exists." : "An identical record already exists.");
    }
  }

  private String absolute(String raw) {
    String n = Hostnames.normalize(raw);
    if (n.equals("@")) {
      return name;
    }
    return Hostnames.isInZone(n, name) ? n : n + "." + name;
  }

  private static String ip(String content, Class<? extends InetAddress> family, int code, String message, boolean proxied) {
    InetAddress a = IpAddresses.parse(content).filter(family::isInstance)
        .orElseThrow(() -> FakeApiError.validation(code, message));
    if (proxied && isPrivate(a)) {
      throw new FakeApiError(400, 9003, "failed to POST record: Target " + IpAddresses.canonical(a)
          + " is not allowed for a proxied record.");
    }
    return IpAddresses.canonical(a);
  }

  private static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    boolean ula = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    return a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || cgnat || ula;
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? "" : v.asText("");
  }

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
