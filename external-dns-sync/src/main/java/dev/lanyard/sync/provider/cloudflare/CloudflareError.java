package dev.lanyard.sync.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the {@code errors} array of a Cloudflare answer.
 *
 * @param pointer {@code source.pointer}, e.g. {@code /posts/3} in a batch answer
 * @param chain {@code error_chain}: the underlying errors (1004 "DNS Validation Error" carries the real one)
 */
public record CloudflareError(int code, String message, Optional<String> pointer, List<CloudflareError> chain) {

  public CloudflareError {
    chain = List.copyOf(chain);
  }

  static CloudflareError fromJson(JsonNode n) {
    List<CloudflareError> chain = new ArrayList<>();
    n.path("error_chain").forEach(c -> chain.add(fromJson(c)));
    JsonNode pointer = n.path("source").path("pointer");
    if (!n.isObject()) {
      return new CloudflareError(0, "unreadable error entry " + CloudflareRecord.abbreviate(n.toString()), Optional.empty(),
          List.of());
    }
    return new CloudflareError(n.path("code").asInt(0), n.path("message").asText(""),
        pointer.isTextual() ? Optional.of(pointer.asText()) : Optional.empty(), chain);
  }

  /** This error and everything in its chain. */
  public List<CloudflareError> flatten() {
    List<CloudflareError> out = new ArrayList<>();
    out.add(this);
    chain.forEach(c -> out.addAll(c.flatten()));
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(code).append(' ').append(message);
    chain.forEach(c -> sb.append(" (").append(c).append(')'));
    return sb.toString();
  }
}
