package dev.lanyard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Conflict;
import dev.lanyard.sync.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderPlanTest {
  private static final Endpoint OLD = Endpoint.of("web.example.com", RecordType.A, 300, "198.51.100.1");
  private static final Endpoint NEW = Endpoint.of("web.example.com", RecordType.A, 300, "198.51.100.2")
      .withProviderSpecific(Map.of("cloudflare-proxied", "true"));

  private final ProviderPlan plan = new ProviderPlan("cf", "cloudflare", List.of("example.com"), "sync",
      new Plan(List.of(
          new Change.Create(Endpoint.of("app.example.com", RecordType.CNAME, 1, "edge.example.net")),
          new Change.Update(OLD, NEW),
          new Change.Delete(Endpoint.of("old.example.com", RecordType.TXT, 300, "hello"))),
          List.of(new Conflict("manual.example.com", RecordType.A, "exists without an ownership TXT")),
          Optional.of("1 record set kept: source \"kubernetes\" has not synced yet")),
      List.of("lan.example.com A: view lan holds [10.0.0.1], view public holds [203.0.113.1]; using view public"));

  @Test
  void rendersAReadableDiff() {
    assertThat(plan.render()).isEqualTo("""
        provider cf (cloudflare, zones [example.com], policy sync): 3 changes
          + create app.example.com 1 CNAME [edge.example.net]
          ~ update web.example.com A: 300 [198.51.100.1] -> 300 [198.51.100.2] {cloudflare-proxied=true}
          - delete old.example.com 300 TXT ["hello"]
          ! conflict manual.example.com A: exists without an ownership TXT
          ! view conflict lan.example.com A: view lan holds [10.0.0.1], view public holds [203.0.113.1]; using view public
          deletes withheld: 1 record set kept: source "kubernetes" has not synced yet
        """);
  }

  @Test
  void anEmptyPlanSaysSo() {
    ProviderPlan empty = new ProviderPlan("bind", "rfc2136", List.of("example.com"), "upsert-only",
        new Plan(List.of(), List.of(), Optional.empty()), List.of());
    assertThat(empty.render()).isEqualTo("provider bind (rfc2136, zones [example.com], policy upsert-only): no changes\n");
  }

  @Test
  void rendersJsonForTools() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ProviderPlan.toJson(List.of(plan)));
    JsonNode p = json.get(0);
    assertThat(p.path("provider").asText()).isEqualTo("cf");
    assertThat(p.path("changes")).hasSize(3);
    JsonNode update = p.path("changes").get(1);
    assertThat(update.path("action").asText()).isEqualTo("update");
    assertThat(update.path("values").get(0).asText()).isEqualTo("198.51.100.2");
    assertThat(update.path("old").path("values").get(0).asText()).isEqualTo("198.51.100.1");
    assertThat(update.path("properties").path("cloudflare-proxied").asText()).isEqualTo("true");
    assertThat(p.path("conflicts").get(0).path("reason").asText()).isEqualTo("exists without an ownership TXT");
    assertThat(p.path("deletesWithheld").asText()).contains("has not synced yet");
    assertThat(p.path("notes")).hasSize(1);
  }
}
