package dev.lanyard.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Conflict;
import dev.lanyard.sync.plan.Plan;
import dev.lanyard.sync.registry.OwnerLabels;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pending changes of one provider, as {@code lanyard plan} prints them:
 *
 * <pre>
 * provider cloudflare (cloudflare, zones [example.com], policy sync): 2 changes
 *   + create app.example.com 1 A [203.0.113.7] {cloudflare-proxied=true}
 *   + create a-app.example.com 1 TXT ["heritage=external-dns,..."] (ownership)
 *   ~ update web.example.com A: 300 [198.51.100.1] -> 300 [198.51.100.2]
 *   - delete old.example.com 300 CNAME [lb.example.net]
 *   ! conflict manual.example.com A: exists without an ownership TXT ...
 *   deletes withheld: 1 record set kept: source "kubernetes" has not synced yet
 * </pre>
 *
 * @param notes disagreements between the provider's views
 */
public record ProviderPlan(String provider, String type, List<String> zones, String policy, Plan plan, List<String> notes) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ProviderPlan {
    zones = List.copyOf(zones);
    notes = List.copyOf(notes);
  }

  /** One line per change, conflict and note, each starting with its marker. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      out.add(switch (c) {
        case Change.Create x -> "+ create " + x.endpoint() + ownership(x.endpoint());
        case Change.Update x -> "~ update " + x.key() + ": " + compact(x.old()) + " -> " + compact(x.endpoint());
        case Change.Delete x -> "- delete " + x.endpoint() + ownership(x.endpoint());
      });
    }
    plan.conflicts().forEach(c -> out.add("! conflict " + c));
    notes.forEach(n -> out.add("! view conflict " + n));
    plan.deletesWithheld().ifPresent(w -> out.add("deletes withheld: " + w));
    return out;
  }

  /** The header line and the indented lines, ready to print. */
  public String render() {
    int n = plan.changes().size();
    StringBuilder sb = new StringBuilder("provider ").append(provider).append(" (").append(type).append(", zones ")
        .append(zones).append(", policy ").append(policy).append("): ")
        .append(n == 0 ? "no changes" : n + (n == 1 ? " change" : " changes")).append('\n');
    lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    return sb.toString();
  }

  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("provider", provider);
    o.put("type", type);
    zones.forEach(o.putArray("zones")::add);
    o.put("policy", policy);
    ArrayNode changes = o.putArray("changes");
    for (Change c : plan.changes()) {
      ObjectNode j = changes.addObject();
      j.put("action", switch (c) {
        case Change.Create x -> "create";
        case Change.Update x -> "update";
        case Change.Delete x -> "delete";
      });
      j.put("name", c.key().name());
      j.put("type", c.key().type().name());
      record(j, c.endpoint());
      j.put("ownership", isOwnership(c.endpoint()));
      if (c instanceof Change.Update u) {
        record(j.putObject("old"), u.old());
      }
    }
    ArrayNode conflicts = o.putArray("conflicts");
    for (Conflict c : plan.conflicts()) {
      conflicts.addObject().put("name", c.name()).put("type", c.type().name()).put("reason", c.reason());
    }
    notes.forEach(o.putArray("notes")::add);
    if (plan.deletesWithheld().isPresent()) {
      o.put("deletesWithheld", plan.deletesWithheld().get());
    } else {
      o.putNull("deletesWithheld");
    }
    return o;
  }

  /** {@code lanyard plan --output json}: an array with one object per provider. */
  public static String toJson(List<ProviderPlan> plans) {
    ArrayNode a = JSON.createArrayNode();
    plans.forEach(p -> a.add(p.toJson()));
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(ObjectNode j, Endpoint e) {
    j.put("ttl", e.ttl());
    e.targets().forEach(j.putArray("values")::add);
    ObjectNode props = j.putObject("properties");
    new TreeMap<>(e.providerSpecific()).forEach(props::put);
  }

  private static String compact(Endpoint e) {
    String s = e.ttl() + " " + (e.type() == RecordType.TXT ? e.targets().stream().map(t -> "\"" + t + "\"").toList() : e.targets());
    Map<String, String> p = new TreeMap<>(e.providerSpecific());
    return p.isEmpty() ? s : s + " " + p;
  }

  private static String ownership(Endpoint e) {
    return isOwnership(e) ? " (ownership)" : "";
  }

  private static boolean isOwnership(Endpoint e) {
    return e.type() == RecordType.TXT && e.targets().stream().anyMatch(t -> OwnerLabels.parse(t).isPresent());
  }
}
