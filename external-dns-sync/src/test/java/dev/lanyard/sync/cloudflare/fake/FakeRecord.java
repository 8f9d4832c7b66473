package dev.lanyard.sync.cloudflare.fake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A DNS record as the fake stores it. */
public record FakeRecord(
    String id,
    String zoneId,
    String zoneName,
    String name,
    String type,
    String content,
    long ttl,
    boolean proxied,
    Optional<String> comment,
    List<String> tags,
    Instant createdOn,
    Instant modifiedOn) {

  public FakeRecord {
    tags = List.copyOf(tags);
  }

  public boolean proxiable() {
    return type.equals("A") || type.equals("AAAA") || type.equals("CNAME");
  }

  /** TXT content without the quotes Cloudflare keeps verbatim. */
  public String unquotedContent() {
    return content.length() >= 2 && content.startsWith("\"") && content.endsWith("\"")
        ? content.substring(1, content.length() - 1) : content;
  }
}
