package dev.lanyard.sync.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.config.SyncConfig.Policy;
import dev.lanyard.core.config.TsigKeyConfig;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Plan;
import dev.lanyard.sync.plan.Planner;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.registry.TxtNameMapper;
import dev.lanyard.sync.registry.TxtRegistry;
import dev.lanyard.sync.testing.Bind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The RFC 2136 provider against a real BIND 9 with allow-update and allow-transfer by TSIG key. */
class Rfc2136ProviderTest {
  private static Bind bind;

  @BeforeAll
  static void startBind() throws Exception {
    bind = Bind.start("sync.test", "acme.test", "keys.test", "big.test");
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  private static Rfc2136Provider provider(String zone, Optional<TsigKeyConfig> key) {
    SyncConfig.Provider p = new SyncConfig.Provider("bind", SyncConfig.ProviderType.RFC2136, List.of("lan"), List.of(zone),
        Optional.empty(), Optional.empty(), Optional.of(new SyncConfig.Rfc2136(bind.server(), key)));
    return Rfc2136Provider.create(p, new ProviderMetrics("bind", new SimpleMeterRegistry()));
  }

  private static Plan plan(Rfc2136Provider p, String zone, List<Endpoint> desired) throws IOException {
    Planner planner = new Planner(new TxtRegistry("homelab", TxtNameMapper.plain()), p::adjust);
    return planner.plan(desired, p.list().records(), new Planner.Options(Policy.SYNC, false, List.of(zone), Optional.empty()));
  }

  private static ApplyResult sync(Rfc2136Provider p, String zone, List<Endpoint> desired) throws IOException {
    return p.apply(plan(p, zone, desired).changes());
  }

  private static List<String> answers(String name, int type) throws IOException {
    return bind.query(name, type).stream()
        .map(r -> r instanceof TXTRecord t ? String.join("", t.getStrings()) : r.rdataToString()).sorted().toList();
  }

  @Test
  void createsUpdatesAndDeletesWithOwnershipTxt() throws IOException {
    Rfc2136Provider p = provider("sync.test", Optional.of(bind.key()));
    List<Endpoint> v1 = List.of(
        Endpoint.of("app.sync.test", RecordType.A, 300, "192.0.2.1", "192.0.2.2").withLabel(Endpoint.RESOURCE, "httproute/default/app"),
        Endpoint.of("web.sync.test", RecordType.CNAME, 300, "gw.example.net"),
        Endpoint.of("www.sync.test", RecordType.TXT, 300, "hello world"));
    assertThat(sync(p, "sync.test", v1).ok()).isTrue();
    assertThat(answers("app.sync.test", Type.A)).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(answers("web.sync.test", Type.CNAME)).containsExactly("gw.example.net.");
    assertThat(answers("a-app.sync.test", Type.TXT)).containsExactly(
        "heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/default/app");
    assertThat(plan(p, "sync.test", v1).isEmpty()).as("AXFR listing matches what was written").isTrue();

    List<Endpoint> v2 = List.of(
        Endpoint.of("app.sync.test", RecordType.A, 120, "192.0.2.3").withLabel(Endpoint.RESOURCE, "httproute/default/app"),
        Endpoint.of("www.sync.test", RecordType.TXT, 300, "hello world"));
    assertThat(sync(p, "sync.test", v2).ok()).isTrue();
    assertThat(bind.query("app.sync.test", Type.A)).singleElement().satisfies(r -> {
      assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.3");
      assertThat(r.getTTL()).isEqualTo(120);
    });
    assertThat(answers("web.sync.test", Type.CNAME)).isEmpty();
    assertThat(answers("cname-web.sync.test", Type.TXT)).isEmpty();
    assertThat(plan(p, "sync.test", v2).isEmpty()).isTrue();
    assertThat(answers("ns1.sync.test", Type.A)).as("records that are not ours stay").containsExactly("127.0.0.1");
  }

  @Test
  void theCacheFollowsAppliedChangesWithoutAnotherTransfer() throws IOException {
    Rfc2136Provider p = provider("keys.test", Optional.of(bind.key()));
    List<Endpoint> desired = List.of(Endpoint.of("cached.keys.test", RecordType.A, 300, "192.0.2.9"));
    sync(p, "keys.test", desired);
    Planner planner = new Planner(new TxtRegistry("homelab", TxtNameMapper.plain()), p::adjust);
    Plan again = planner.plan(desired, p.cached().orElseThrow().records(),
        new Planner.Options(Policy.SYNC, false, List.of("keys.test"), Optional.empty()));
    assertThat(again.isEmpty()).isTrue();
  }

  @Test
  void withoutTheKeyTransfersAndUpdatesAreRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
    Rfc2136Provider anonymous = provider("keys.test", Optional.empty());
    assertThatThrownBy(anonymous::list).hasMessageContaining("AXFR of zone keys.test").hasMessageContaining("allow-transfer");

    Path wrong = Files.writeString(dir.resolve("wrong.secret"), "c2VjcmV0LXRoYXQtaXMtbm90LXRoZS1rZXk=");
    Rfc2136Provider badKey = provider("keys.test", Optional.of(new TsigKeyConfig(Bind.KEY_NAME, "hmac-sha256", wrong)));
    ApplyResult r = badKey.apply(List.of(new dev.lanyard.sync.plan.Change.Create(
        Endpoint.of("denied.keys.test", RecordType.A, 300, "192.0.2.1"))));
    assertThat(r.failures()).singleElement().asString().contains("cannot create denied.keys.test 300 A [192.0.2.1]");
    assertThat(answers("denied.keys.test", Type.A)).isEmpty();
  }

  @Test
  void longTxtValuesSurviveTheRoundTrip() throws IOException {
    Rfc2136Provider p = provider("big.test", Optional.of(bind.key()));
    String value = "v".repeat(600);
    List<Endpoint> desired = List.of(Endpoint.of("long.big.test", RecordType.TXT, 300, value));
    assertThat(sync(p, "big.test", desired).ok()).isTrue();
    assertThat(bind.query("long.big.test", Type.TXT)).singleElement()
        .satisfies(r -> assertThat(String.join("", ((TXTRecord) r).getStrings())).isEqualTo(value));
    assertThat(plan(p, "big.test", desired).isEmpty()).isTrue();
  }

  @Test
  void theTxtPublisherAddsAndRemovesSingleValues() throws IOException {
    Rfc2136TxtPublisher byZone = Rfc2136TxtPublisher.create(bind.server(), Optional.of(bind.key()), "acme.test");
    Rfc2136TxtPublisher discovering = Rfc2136TxtPublisher.create(bind.server(), Optional.of(bind.key()));
    String name = "_acme-challenge.app.acme.test";
    byZone.add(name, "token-one");
    discovering.add(name, "token-two");
    byZone.add(name, "token-two"); // already there: no error, no duplicate
    assertThat(answers(name, Type.TXT)).containsExactly("token-one", "token-two");
    discovering.remove(name, "token-one");
    assertThat(answers(name, Type.TXT)).containsExactly("token-two");
    byZone.remove(name, "token-two");
    byZone.remove(name, "not-there");
    assertThat(answers(name, Type.TXT)).isEmpty();
    assertThatThrownBy(() -> byZone.add("_acme-challenge.other.test", "x")).hasMessageContaining("outside zone");
  }

  @Test
  void aBindKeyFileIsAcceptedAsSecretFile(@TempDir Path dir) throws IOException {
    String secret = Files.readString(bind.key().secretFile()).trim();
    Path keyFile = Files.writeString(dir.resolve("key.conf"),
        "key \"" + Bind.KEY_NAME + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n");
    Rfc2136Provider p = provider("keys.test", Optional.of(new TsigKeyConfig(Bind.KEY_NAME, "hmac-sha256", keyFile)));
    assertThat(p.list().records()).extracting(Endpoint::name).contains("ns1.keys.test");
    assertThat(bind.query("ns1.keys.test", Type.A)).singleElement().isInstanceOf(ARecord.class);
  }
}
