package dev.lanyard.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.SyncConfig.Policy;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.registry.OwnerLabels;
import dev.lanyard.sync.registry.TxtNameMapper;
import dev.lanyard.sync.registry.TxtRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case states the desired records, what the provider holds, and the expected changes and
 * conflicts; then the plan is applied to the provider's records and planned again, which must give
 * no changes (nothing loops).
 */
class PlannerTest {
  private static final String OWNER = "homelab";
  private static final String ZONE = "example.com";

  record Case(String name, Options options, List<Endpoint> desired, List<Endpoint> current, List<String> changes,
      List<String> conflicts) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Options(Policy policy, boolean adopt, Optional<String> withheld, TxtNameMapper mapper) {
    static Options sync() {
      return new Options(Policy.SYNC, false, Optional.empty(), TxtNameMapper.plain());
    }

    Options policy(Policy p) {
      return new Options(p, adopt, withheld, mapper);
    }

    Options adopting() {
      return new Options(policy, true, withheld, mapper);
    }

    Options withheld(String reason) {
      return new Options(policy, adopt, Optional.of(reason), mapper);
    }

    Options mapper(TxtNameMapper m) {
      return new Options(policy, adopt, withheld, m);
    }
  }

  static Endpoint rec(String name, RecordType type, long ttl, String... values) {
    return Endpoint.of(name, type, ttl, values);
  }

  static Endpoint a(String name, String... ips) {
    return rec(name, RecordType.A, 300, ips);
  }

  static Endpoint desiredA(String name, String... ips) {
    return a(name, ips).withLabel(Endpoint.RESOURCE, "httproute/default/app");
  }

  static Endpoint cname(String name, String target) {
    return rec(name, RecordType.CNAME, 300, target);
  }

  static Endpoint owner(String txtName, String owner) {
    return rec(txtName, RecordType.TXT, 300, OwnerLabels.serialize(Map.of("owner", owner, "resource", "httproute/default/app")));
  }

  static Case c(String name, Options o, List<Endpoint> desired, List<Endpoint> current, List<String> changes,
      String... conflicts) {
    return new Case(name, o, desired, current, changes, List.of(conflicts));
  }

  static Stream<Case> cases() {
    Options sync = Options.sync();
    return Stream.of(
        c("empty zone: record and its ownership TXT are created", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")), List.of(),
            List.of("+ app.example.com A [192.0.2.1] owner=homelab",
                "+ a-app.example.com TXT owner=homelab resource=httproute/default/app")),
        c("steady state: nothing to do", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER)),
            List.of()),
        c("owned record with new values is updated", sync,
            List.of(desiredA("app.example.com", "192.0.2.2", "192.0.2.3")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER)),
            List.of("~ app.example.com A [192.0.2.1] -> [192.0.2.2, 192.0.2.3]")),
        c("owned record with a new TTL is updated", sync,
            List.of(rec("app.example.com", RecordType.A, 60, "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER)),
            List.of("~ app.example.com A ttl 300 -> 60")),
        c("owned record no longer desired is deleted with its TXT", sync,
            List.of(),
            List.of(a("old.example.com", "192.0.2.1"), owner("a-old.example.com", OWNER)),
            List.of("- old.example.com A", "- a-old.example.com TXT")),
        c("no deletes while the desired state is partial", sync.withheld("source \"kubernetes\" has not synced yet"),
            List.of(desiredA("new.example.com", "192.0.2.9")),
            List.of(a("old.example.com", "192.0.2.1"), owner("a-old.example.com", OWNER)),
            List.of("+ new.example.com A [192.0.2.9] owner=homelab",
                "+ a-new.example.com TXT owner=homelab resource=httproute/default/app")),
        c("upsert-only updates but never deletes", sync.policy(Policy.UPSERT_ONLY),
            List.of(desiredA("app.example.com", "192.0.2.2")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER),
                a("old.example.com", "192.0.2.1"), owner("a-old.example.com", OWNER)),
            List.of("~ app.example.com A [192.0.2.1] -> [192.0.2.2]")),
        c("create-only creates but neither updates nor deletes", sync.policy(Policy.CREATE_ONLY),
            List.of(desiredA("app.example.com", "192.0.2.2"), desiredA("new.example.com", "192.0.2.3")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER),
                a("old.example.com", "192.0.2.1"), owner("a-old.example.com", OWNER)),
            List.of("+ new.example.com A [192.0.2.3] owner=homelab",
                "+ a-new.example.com TXT owner=homelab resource=httproute/default/app")),
        c("a record of another owner is a conflict and left alone", sync,
            List.of(desiredA("app.example.com", "192.0.2.2")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", "other"),
                a("theirs.example.com", "192.0.2.7"), owner("a-theirs.example.com", "other")),
            List.of(),
            "app.example.com A: exists with owner \"other\""),
        c("a record without ownership TXT is a conflict and left alone", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1"), a("manual.example.com", "192.0.2.8")),
            List.of(),
            "app.example.com A: exists without an ownership TXT"),
        c("adoptUnowned takes over a record holding exactly the desired values", sync.adopting(),
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1")),
            List.of("+ a-app.example.com TXT owner=homelab resource=httproute/default/app")),
        c("adoptUnowned also fixes the TTL of the adopted record", sync.adopting(),
            List.of(rec("app.example.com", RecordType.A, 60, "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1")),
            List.of("~ app.example.com A ttl 300 -> 60", "+ a-app.example.com TXT owner=homelab")),
        c("adoptUnowned never takes over a record holding other values", sync.adopting(),
            List.of(desiredA("app.example.com", "192.0.2.2")),
            List.of(a("app.example.com", "192.0.2.1")),
            List.of(),
            "app.example.com A: exists without an ownership TXT and holds [192.0.2.1] instead of [192.0.2.2]"),
        c("a record deleted by hand is re-created under its TXT (external-dns #4914)", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(owner("a-app.example.com", OWNER)),
            List.of("+ app.example.com A [192.0.2.1] owner=homelab")),
        c("an orphan TXT of ours is cleaned up", sync,
            List.of(),
            List.of(owner("a-gone.example.com", OWNER), owner("a-theirs.example.com", "other")),
            List.of("- a-gone.example.com TXT")),
        c("a record owned through external-dns's legacy TXT gets the current format", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(a("app.example.com", "192.0.2.1"), owner("app.example.com", OWNER)),
            List.of("+ a-app.example.com TXT owner=homelab")),
        c("deleting a legacy-owned record deletes the legacy TXT too", sync,
            List.of(),
            List.of(a("app.example.com", "192.0.2.1"), owner("app.example.com", OWNER)),
            List.of("- app.example.com A", "- app.example.com TXT")),
        c("the legacy TXT never owns AAAA", sync,
            List.of(rec("app.example.com", RecordType.AAAA, 300, "2001:db8::2")),
            List.of(rec("app.example.com", RecordType.AAAA, 300, "2001:db8::1"), owner("app.example.com", OWNER)),
            List.of("- app.example.com TXT"),
            "app.example.com AAAA: exists without an ownership TXT"),
        c("our CNAME becomes an A record: delete, then create", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(cname("app.example.com", "gw.example.net"), owner("cname-app.example.com", OWNER)),
            List.of("- app.example.com CNAME", "- cname-app.example.com TXT", "+ app.example.com A [192.0.2.1] owner=homelab",
                "+ a-app.example.com TXT owner=homelab")),
        c("upsert-only may replace our CNAME by an A record (an update in spirit)", sync.policy(Policy.UPSERT_ONLY),
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(cname("app.example.com", "gw.example.net"), owner("cname-app.example.com", OWNER)),
            List.of("- app.example.com CNAME", "- cname-app.example.com TXT", "+ app.example.com A [192.0.2.1] owner=homelab",
                "+ a-app.example.com TXT owner=homelab")),
        c("create-only never replaces our CNAME", sync.policy(Policy.CREATE_ONLY),
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(cname("app.example.com", "gw.example.net"), owner("cname-app.example.com", OWNER)),
            List.of(),
            "app.example.com A: our CNAME record here would have to be replaced"),
        c("an unowned CNAME blocks a desired A record", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(cname("app.example.com", "elsewhere.example.net")),
            List.of(),
            "app.example.com A: the name holds a CNAME record without an ownership TXT"),
        c("an unowned A record blocks a desired CNAME", sync,
            List.of(cname("app.example.com", "gw.example.net")),
            List.of(a("app.example.com", "192.0.2.1")),
            List.of(),
            "app.example.com CNAME: the name holds a A record without an ownership TXT"),
        c("a desired CNAME beside desired A records is dropped", sync,
            List.of(desiredA("app.example.com", "192.0.2.1"), cname("app.example.com", "lb.example.net")),
            List.of(),
            List.of("+ app.example.com A [192.0.2.1] owner=homelab", "+ a-app.example.com TXT owner=homelab"),
            "app.example.com CNAME: dropped: a CNAME cannot share its name"),
        c("a name held by another owner through another type is not created on", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(rec("app.example.com", RecordType.AAAA, 300, "2001:db8::1"), owner("aaaa-app.example.com", "other")),
            List.of(),
            "app.example.com A: the name is held by owner \"other\""),
        c("a TXT of another owner for a hand-deleted record is respected", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(owner("a-app.example.com", "other")),
            List.of(),
            "app.example.com A: the name is held by owner \"other\""),
        c("an apex record cannot be owned without a prefix holding the type", sync,
            List.of(desiredA("example.com", "192.0.2.1")),
            List.of(),
            List.of(),
            "example.com A: its ownership TXT a-example.com would lie outside zone example.com"),
        c("an apex record with the advised prefix", sync.mapper(new TxtNameMapper("%{record_type}-owner.", "", "")),
            List.of(desiredA("example.com", "192.0.2.1")),
            List.of(),
            List.of("+ example.com A [192.0.2.1] owner=homelab", "+ a-owner.example.com TXT owner=homelab")),
        c("names outside the zones are neither created nor deleted", sync,
            List.of(desiredA("app.example.org", "192.0.2.1")),
            List.of(a("old.example.org", "192.0.2.1"), owner("a-old.example.org", OWNER)),
            List.of()),
        c("external-dns records with a txtPrefix are recognized", sync.mapper(new TxtNameMapper("txt.", "", "")),
            List.of(desiredA("app.example.com", "192.0.2.2")),
            List.of(a("app.example.com", "192.0.2.1"), owner("txt.a-app.example.com", OWNER)),
            List.of("~ app.example.com A [192.0.2.1] -> [192.0.2.2]")),
        c("wildcards use the configured replacement in the TXT name", sync.mapper(new TxtNameMapper("", "", "any")),
            List.of(desiredA("*.example.com", "192.0.2.1")),
            List.of(),
            List.of("+ *.example.com A [192.0.2.1] owner=homelab", "+ a-any.example.com TXT owner=homelab")),
        c("TXT records from DNSEndpoints are managed and owned", sync,
            List.of(rec("example.com", RecordType.TXT, 300, "v=spf1 -all").withLabel(Endpoint.RESOURCE, "dnsendpoint/default/spf"),
                rec("www.example.com", RecordType.TXT, 300, "hello")),
            List.of(),
            List.of("+ www.example.com TXT [hello] owner=homelab", "+ txt-www.example.com TXT owner=homelab"),
            "example.com TXT: its ownership TXT txt-example.com would lie outside zone example.com"),
        c("our A record is not given up for a CNAME that an unowned TXT blocks anyway", sync.policy(Policy.UPSERT_ONLY),
            List.of(cname("app.example.com", "gw.example.net")),
            List.of(a("app.example.com", "192.0.2.1"), owner("a-app.example.com", OWNER),
                rec("app.example.com", RecordType.TXT, 300, "google-site-verification=abc")),
            List.of(),
            "app.example.com CNAME: the name holds a TXT record without an ownership TXT"),
        c("an unowned TXT at a name is not touched when we want an A record there", sync,
            List.of(desiredA("app.example.com", "192.0.2.1")),
            List.of(rec("app.example.com", RecordType.TXT, 300, "google-site-verification=abc")),
            List.of("+ app.example.com A [192.0.2.1] owner=homelab", "+ a-app.example.com TXT owner=homelab"))
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plansAndConverges(Case c) {
    Planner planner = new Planner(new TxtRegistry(OWNER, c.options().mapper()), UnaryOperator.identity());
    Planner.Options options = new Planner.Options(c.options().policy(), c.options().adopt(), List.of(ZONE),
        c.options().withheld());
    Plan plan = planner.plan(c.desired(), c.current(), options);

    List<String> lines = plan.changes().stream().map(PlannerTest::describe).toList();
    assertThat(lines).hasSameSizeAs(c.changes());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).as("change %d of %s", i, lines).startsWith(c.changes().get(i));
    }
    assertThat(plan.conflicts()).hasSameSizeAs(c.conflicts());
    for (int i = 0; i < c.conflicts().size(); i++) {
      assertThat(plan.conflicts().get(i).toString()).startsWith(c.conflicts().get(i));
    }

    List<Endpoint> after = new Listing(c.current()).apply(plan.changes()).records();
    Plan again = planner.plan(c.desired(), after, options);
    assertThat(again.changes()).as("plan after applying %s", lines).isEmpty();
    assertThat(again.conflicts()).isEqualTo(plan.conflicts());
  }

  @Test
  void withheldDeletesAreCountedAndExplained() {
    Planner planner = new Planner(new TxtRegistry(OWNER, TxtNameMapper.plain()), UnaryOperator.identity());
    Plan plan = planner.plan(List.of(), List.of(a("old.example.com", "192.0.2.1"), owner("a-old.example.com", OWNER),
            owner("a-orphan.example.com", OWNER)),
        new Planner.Options(Policy.SYNC, false, List.of(ZONE), Optional.of("source \"manifests\" failed to load")));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.deletesWithheld()).contains("2 record sets kept: source \"manifests\" failed to load");
  }

  @Test
  void theProvidersAdjustmentIsAppliedBeforeComparing() {
    UnaryOperator<Endpoint> clamp = e -> e.withTtl(Math.max(60, e.ttl()));
    Planner planner = new Planner(new TxtRegistry(OWNER, TxtNameMapper.plain()), clamp);
    Plan plan = planner.plan(List.of(rec("app.example.com", RecordType.A, 5, "192.0.2.1")),
        List.of(rec("app.example.com", RecordType.A, 60, "192.0.2.1"), owner("a-app.example.com", OWNER)),
        new Planner.Options(Policy.SYNC, false, List.of(ZONE), Optional.empty()));
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void manyRecordsConvergeInOnePlan() {
    List<Endpoint> desired = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      desired.add(desiredA("r" + i + ".example.com", "198.51.100." + (i % 250)));
    }
    Planner planner = new Planner(new TxtRegistry(OWNER, TxtNameMapper.plain()), UnaryOperator.identity());
    Planner.Options o = new Planner.Options(Policy.SYNC, false, List.of(ZONE), Optional.empty());
    Plan first = planner.plan(desired, List.of(), o);
    assertThat(first.creates()).hasSize(1000);
    Listing after = new Listing(List.of()).apply(first.changes());
    assertThat(planner.plan(desired, after.records(), o).isEmpty()).isTrue();
  }

  /** {@code + name TYPE [values] owner=x}, {@code ~ name TYPE [old] -> [new]}, {@code - name TYPE}. */
  static String describe(Change c) {
    return switch (c) {
      case Change.Create x -> "+ " + x.key() + " " + body(x.endpoint());
      case Change.Delete x -> "- " + x.key();
      case Change.Update x -> "~ " + x.key() + " " + (x.old().ttl() != x.endpoint().ttl()
          ? "ttl " + x.old().ttl() + " -> " + x.endpoint().ttl()
          : x.old().targets() + " -> " + x.endpoint().targets());
    };
  }

  private static String body(Endpoint e) {
    if (e.type() == RecordType.TXT) {
      Optional<Map<String, String>> labels = OwnerLabels.parse(e.targets().get(0));
      if (labels.isPresent()) {
        return "owner=" + labels.get().get("owner")
            + (labels.get().containsKey("resource") ? " resource=" + labels.get().get("resource") : "");
      }
    }
    return e.targets() + " owner=" + e.owner().orElse("-");
  }
}
