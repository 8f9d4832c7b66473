package dev.lanyard.sync.provider.cloudflare;

import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record operations of one zone, gathered from endpoint-level changes: a create posts one
 * record per value; an update deletes the values that went, posts the new ones and overwrites kept
 * ones whose TTL, proxying, comment or tags changed; a delete removes the listed values. Record ids
 * come from the provider's cached listing.
 */
final class RecordOperations {

  enum Kind {
    DELETE("delete"),
    PUT("overwrite"),
    POST("create");

    final String verb;

    Kind(String verb) {
      this.verb = verb;
    }
  }

  /** One record operation, with the index of the change it belongs to. */
  record Op(int change, Kind kind, CloudflareRecord record) {}

  private final List<Op> deletes = new ArrayList<>();
  private final List<Op> puts = new ArrayList<>();
  private final List<Op> posts = new ArrayList<>();

  void add(int index, Change change, Map<String, CloudflareRecord> cache) {
    switch (change) {
      case Change.Create c -> c.endpoint().targets().forEach(v -> posts.add(new Op(index, Kind.POST, record(c.endpoint(), v))));
      case Change.Delete d -> existing(cache, d.endpoint()).stream()
          .filter(r -> d.endpoint().targets().contains(r.value()))
          .forEach(r -> deletes.add(new Op(index, Kind.DELETE, r)));
      case Change.Update u -> {
        Map<String, CloudflareRecord> byValue = new LinkedHashMap<>();
        existing(cache, u.endpoint()).forEach(r -> byValue.putIfAbsent(r.value(), r));
        for (String v : u.endpoint().targets()) {
          CloudflareRecord now = byValue.remove(v);
          CloudflareRecord wanted = record(u.endpoint(), v);
          if (now == null) {
            posts.add(new Op(index, Kind.POST, wanted));
          } else if (!sameSettings(now, wanted)) {
            puts.add(new Op(index, Kind.PUT, wanted.withId(now.id().orElseThrow())));
          }
        }
        byValue.values().forEach(r -> deletes.add(new Op(index, Kind.DELETE, r)));
      }
    }
  }

  /** Deletes, then overwrites, then creates: the order Cloudflare runs a batch in. */
  List<Op> ordered() {
    List<Op> all = new ArrayList<>(deletes);
    all.addAll(puts);
    all.addAll(posts);
    return all;
  }

  private static List<CloudflareRecord> existing(Map<String, CloudflareRecord> cache, Endpoint e) {
    return cache.values().stream()
        .filter(r -> r.name().equals(e.name()) && r.type().equals(e.type().name()))
        .toList();
  }

  private static boolean sameSettings(CloudflareRecord a, CloudflareRecord b) {
    return a.ttl() == b.ttl() && a.proxied() == b.proxied() && a.comment().equals(b.comment()) && a.tags().equals(b.tags())
        && a.content().equals(b.content());
  }

  private static CloudflareRecord record(Endpoint e, String value) {
    Map<String, String> p = e.providerSpecific();
    List<String> tags = p.containsKey(CloudflareProvider.TAGS) ? List.of(p.get(CloudflareProvider.TAGS).split(",")) : List.of();
    return new CloudflareRecord(Optional.empty(), e.name(), e.type().name(), CloudflareRecord.contentOf(e.type(), value),
        e.ttl(), Boolean.parseBoolean(p.get(CloudflareProvider.PROXIED)), Optional.ofNullable(p.get(CloudflareProvider.COMMENT)),
        tags);
  }
}
