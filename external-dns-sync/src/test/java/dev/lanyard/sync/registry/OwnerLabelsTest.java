package dev.lanyard.sync.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerLabelsTest {

  @Test
  void serializesLikeExternalDnsWithHeritageFirstAndKeysSorted() {
    assertThat(OwnerLabels.serialize(Map.of("resource", "ingress/default/my-ingress", "owner", "owner")))
        .isEqualTo("heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app\"",
      "heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app",
      "external-dns/resource=httproute/default/app,heritage=external-dns,external-dns/owner=homelab,junk"
  })
  void parsesWithOrWithoutQuotesAndInAnyOrder(String value) {
    assertThat(OwnerLabels.parse(value)).contains(Map.of("owner", "homelab", "resource", "httproute/default/app"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v=spf1 -all", "heritage=other,external-dns/owner=x", "external-dns/owner=x", ""})
  void valuesWithoutExternalDnsHeritageAreOrdinaryTxt(String value) {
    assertThat(OwnerLabels.parse(value)).isEmpty();
  }

  @Test
  void roundTrips() {
    Map<String, String> labels = Map.of("owner", "a", "resource", "service/ns/svc");
    assertThat(OwnerLabels.parse(OwnerLabels.serialize(labels))).contains(labels);
  }
}
