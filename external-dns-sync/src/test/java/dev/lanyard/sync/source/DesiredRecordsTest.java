package dev.lanyard.sync.source;

import static dev.lanyard.sync.testing.States.a;
import static dev.lanyard.sync.testing.States.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.testing.States;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredRecordsTest {

  @Test
  void unionOfTheProvidersViewsFilteredToItsZones() {
    var state = States.of(
        view("public", true, a("app.example.com", "203.0.113.7"), a("other.example.org", "203.0.113.8")),
        view("tailscale", false, a("ts.example.com", "100.64.0.1")),
        view("lan", false, a("nas.example.com", "10.0.0.5")));
    ProviderRecords r = DesiredRecords.forProvider(state, List.of("public", "tailscale"), List.of("example.com"));
    assertThat(r.endpoints()).extracting(Endpoint::name).containsExactly("app.example.com", "ts.example.com");
    assertThat(r.notes()).isEmpty();
    assertThat(r.endpoints().get(0).resource()).contains("httproute/default/app");
  }

  @Test
  void theFirstViewInTheProvidersListWinsAndTheDisagreementIsReported() {
    var state = States.of(
        view("lan", false, a("app.example.com", "10.0.0.5")),
        view("public", true, a("app.example.com", "203.0.113.7")));
    ProviderRecords r = DesiredRecords.forProvider(state, List.of("public", "lan"), List.of("example.com"));
    assertThat(r.endpoints()).singleElement().satisfies(e -> assertThat(e.targets()).containsExactly("203.0.113.7"));
    assertThat(r.notes()).singleElement().asString()
        .contains("app.example.com A: view lan holds [10.0.0.5], view public holds [203.0.113.7]; using view public");
  }

  @Test
  void aNameBelongsToOneViewWithAllItsTypes() {
    var state = States.of(
        view("public", true, States.route("app.example.com", RecordType.CNAME, 300, java.util.Map.of(), "edge.example.net")),
        view("lan", false, a("app.example.com", "10.0.0.5")));
    ProviderRecords r = DesiredRecords.forProvider(state, List.of("public", "lan"), List.of());
    assertThat(r.endpoints()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(RecordType.CNAME));
    assertThat(r.notes()).singleElement().asString().contains("view public holds no A record");
  }

  @Test
  void identicalRecordsInSeveralViewsAreNoConflict() {
    var state = States.of(view("a", true, a("app.example.com", "203.0.113.7")), view("b", true, a("app.example.com", "203.0.113.7")));
    assertThat(DesiredRecords.forProvider(state, List.of("a", "b"), List.of()).notes()).isEmpty();
  }

  @Test
  void deletesWaitForEverySourceAndSayWhy() {
    assertThat(DesiredRecords.deletesWithheld(States.of())).isEmpty();
    assertThat(DesiredRecords.deletesWithheld(States.unsynced())).contains("source \"kubernetes\" has not synced yet");
    assertThat(DesiredRecords.deletesWithheld(States.broken("not valid YAML")))
        .hasValueSatisfying(s -> assertThat(s).contains("source \"manifests\" failed to load").contains("not valid YAML"));
  }
}
