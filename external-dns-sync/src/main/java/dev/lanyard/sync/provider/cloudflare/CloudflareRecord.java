package dev.lanyard.sync.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.net.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One Cloudflare DNS record (one value; a record set of three A values is three records).
 *
 * @param id empty for a record not created yet
 * @param content as Cloudflare stores it: TXT content keeps its quotes
 * @param tags sorted
 */
public record CloudflareRecord(
    Optional<String> id,
    String name,
    String type,
    String content,
    long ttl,
    boolean proxied,
    Optional<String> comment,
    List<String> tags) {

  public CloudflareRecord {
    tags = List.copyOf(new TreeSet<>(tags));
    comment = comment.filter(c -> !c.isEmpty());
  }

  /** Parses a record from an API answer; throws {@link IllegalArgumentException} naming what is missing. */
  public static CloudflareRecord fromJson(JsonNode n) {
    String id = required(n, "id");
    String name = Hostnames.normalize(required(n, "name"));
    String type = required(n, "type");
    String content = required(n, "content");
    List<String> tags = new ArrayList<>();
    n.path("tags").forEach(t -> tags.add(t.asText()));
    JsonNode comment = n.path("comment");
    return new CloudflareRecord(Optional.of(id), name, type, content, n.path("ttl").asLong(1),
        n.path("proxied").asBoolean(false), comment.isTextual() ? Optional.of(comment.asText()) : Optional.empty(), tags);
  }

  /** The request body of a create or overwrite; the id is added for batch puts. */
  public ObjectNode toJson(boolean withId) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (withId) {
      o.put("id", id.orElseThrow(() -> new IllegalStateException("record " + name + " has no id")));
    }
    o.put("type", type);
    o.put("name", name);
    o.put("content", content);
    o.put("ttl", ttl);
    o.put("proxied", proxied);
    o.put("comment", comment.orElse(""));
    com.fasterxml.jackson.databind.node.ArrayNode t = o.putArray("tags");
    tags.forEach(t::add);
    return o;
  }

  public CloudflareRecord withId(String newId) {
    return new CloudflareRecord(Optional.of(newId), name, type, content, ttl, proxied, comment, tags);
  }

  /** The record type, when it is one Lanyard manages. */
  public Optional<RecordType> recordType() {
    return RecordType.parse(type).filter(t -> t.name().equals(type));
  }

  /** The value in Lanyard's form: TXT without its surrounding quotes, IPs canonical, names without a dot. */
  public String value() {
    return valueOf(type, content);
  }

  /** Cloudflare's content for a value: TXT in quotes, as external-dns and the dashboard write it. */
  public static String contentOf(RecordType type, String value) {
    return switch (type) {
      case TXT -> "\"" + value + "\"";
      case CNAME -> Hostnames.normalize(value);
      case A, AAAA -> IpAddresses.parse(value).map(IpAddresses::canonical).orElse(value);
    };
  }

  static String valueOf(String type, String content) {
    return switch (type) {
      case "TXT" -> content.length() >= 2 && content.startsWith("\"") && content.endsWith("\"")
          ? content.substring(1, content.length() - 1) : content;
      case "CNAME" -> Hostnames.normalize(content);
      case "A", "AAAA" -> IpAddresses.parse(content).map(IpAddresses::canonical).orElse(content);
      default -> content;
    };
  }

  /** {@code app.example.com A 192.0.2.1}, for log lines. */
  public String describe() {
    return name + " " + type + " " + content;
  }

  private static String required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("DNS record without \"" + field + "\": " + abbreviate(n.toString()));
    }
    return v.asText();
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
