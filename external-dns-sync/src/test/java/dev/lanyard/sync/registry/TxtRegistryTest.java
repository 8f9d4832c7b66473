package dev.lanyard.sync.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxtRegistryTest {
  private final TxtRegistry registry = new TxtRegistry("homelab", TxtNameMapper.plain());

  private static Endpoint txt(String name, String owner) {
    return Endpoint.of(name, RecordType.TXT, 300, OwnerLabels.serialize(Map.of("owner", owner, "resource", "httproute/default/app")));
  }

  @Test
  void attachesOwnerFromTheTypedTxtAndHidesTheTxt() {
    RegistryView v = registry.read(List.of(
        Endpoint.of("app.example.com", RecordType.A, 300, "192.0.2.1"),
        txt("a-app.example.com", "homelab")));
    assertThat(v.records()).singleElement().satisfies(e -> {
      assertThat(e.owner()).contains("homelab");
      assertThat(e.resource()).contains("httproute/default/app");
    });
    assertThat(v.typed(new EndpointKey("app.example.com", RecordType.A))).isPresent();
  }

  @Test
  void readsTheLegacyFormatButNeverForAaaa() {
    RegistryView v = registry.read(List.of(
        Endpoint.of("app.example.com", RecordType.A, 300, "192.0.2.1"),
        Endpoint.of("app.example.com", RecordType.AAAA, 300, "2001:db8::1"),
        txt("app.example.com", "homelab")));
    assertThat(v.records()).filteredOn(e -> e.type() == RecordType.A).singleElement()
        .satisfies(e -> assertThat(e.owner()).contains("homelab"));
    assertThat(v.records()).filteredOn(e -> e.type() == RecordType.AAAA).singleElement()
        .satisfies(e -> assertThat(e.owner()).isEmpty());
    assertThat(v.legacy("app.example.com")).isPresent();
  }

  @Test
  void ordinaryTxtRecordsStayRecordsWithoutOwner() {
    RegistryView v = registry.read(List.of(Endpoint.of("example.com", RecordType.TXT, 300, "v=spf1 -all")));
    assertThat(v.records()).singleElement().satisfies(e -> assertThat(e.labels()).isEmpty());
    assertThat(v.typed()).isEmpty();
    assertThat(v.legacy()).isEmpty();
  }

  @Test
  void ownershipOfUnmanagedTypesIsNeitherRecordNorOwnership() {
    RegistryView v = registry.read(List.of(txt("mx-mail.example.com", "homelab")));
    assertThat(v.records()).isEmpty();
    assertThat(v.allOwnership()).isEmpty();
  }

  @Test
  void wildcardRecordsFindTheirTxtThroughTheReplacement() {
    TxtRegistry r = new TxtRegistry("homelab", new TxtNameMapper("", "", "any"));
    assertThat(r.ownershipRecord(Endpoint.of("*.example.com", RecordType.A, 300, "192.0.2.1"))
        .map(Endpoint::name)).contains("a-any.example.com");
    RegistryView v = r.read(List.of(Endpoint.of("*.example.com", RecordType.A, 300, "192.0.2.1"),
        txt("a-any.example.com", "homelab")));
    assertThat(v.records()).singleElement().satisfies(e -> assertThat(e.owner()).contains("homelab"));
  }

  @Test
  void theOwnershipRecordCarriesOwnerAndResource() {
    Endpoint rec = Endpoint.of("app.example.com", RecordType.CNAME, 120, "gw.example.net")
        .withLabel(Endpoint.RESOURCE, "httproute/default/app");
    assertThat(registry.ownershipRecord(rec)).hasValueSatisfying(t -> {
      assertThat(t.name()).isEqualTo("cname-app.example.com");
      assertThat(t.type()).isEqualTo(RecordType.TXT);
      assertThat(t.ttl()).isEqualTo(120);
      assertThat(t.targets()).containsExactly(
          "heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app");
    });
  }
}
