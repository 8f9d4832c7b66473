package dev.lanyard.dns;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of a behaviour table: a question and the response expected, section by section.
 * {@code flags} lists the header flags, e.g. {@code "qr aa"}.
 */
record Expected(String name, String type, String rcode, String flags, List<String> answer, List<String> authority,
    List<String> additional) {

  static final String SOA =
      "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. %d 3600 600 604800 60";
  static final String NEG_SOA =
      "example.com. 60 IN SOA ns1.example.com. hostmaster.example.com. %d 3600 600 604800 60";
  static final String ORG_NEG_SOA =
      "example.org. 60 IN SOA ns1.example.com. hostmaster.example.org. %d 3600 600 604800 60";

  static Expected q(String name, String type, String rcode, String flags) {
    return new Expected(name, type, rcode, flags, List.of(), List.of(), List.of());
  }

  Expected answer(String... lines) {
    return new Expected(name, type, rcode, flags, List.of(lines), authority, additional);
  }

  Expected authority(String... lines) {
    return new Expected(name, type, rcode, flags, answer, List.of(lines), additional);
  }

  Expected additional(String... lines) {
    return new Expected(name, type, rcode, flags, answer, authority, List.of(lines));
  }

  Set<String> flagSet() {
    return new TreeSet<>(Arrays.asList(flags.split(" ")));
  }

  /** The lines with {@code %d} replaced by the serial. */
  static List<String> withSerial(List<String> lines, long serial) {
    return lines.stream().map(l -> l.contains("%d") ? String.format(l, serial) : l).toList();
  }

  /** Checks a reply against this row, naming the section that differs. */
  void check(Reply r, long serial) {
    String where = name + " " + type + ": ";
    org.assertj.core.api.Assertions.assertThat(r.rcode()).as(where + "rcode").isEqualTo(rcode);
    org.assertj.core.api.Assertions.assertThat(r.flags()).as(where + "flags").isEqualTo(flagSet());
    org.assertj.core.api.Assertions.assertThat(r.answer()).as(where + "answer").isEqualTo(withSerial(answer, serial));
    org.assertj.core.api.Assertions.assertThat(r.authority()).as(where + "authority")
        .isEqualTo(withSerial(authority, serial));
    org.assertj.core.api.Assertions.assertThat(r.additional()).as(where + "additional")
        .isEqualTo(withSerial(additional, serial));
  }

  /** Like {@link #check}, but ignores the order of records within sections (BIND rotates RRsets). */
  void checkIgnoringOrder(Reply r, long serial) {
    Expected e = new Expected(name, type, rcode, flags, sorted(withSerial(answer, serial)),
        sorted(withSerial(authority, serial)), sorted(withSerial(additional, serial)));
    e.check(new Reply(r.rcode(), r.flags(), r.question(), sorted(r.answer()), sorted(r.authority()),
        sorted(r.additional())), serial);
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  @Override
  public String toString() {
    return name + " " + type + " -> " + rcode;
  }

  /** The behaviour table for {@link Fixtures#records()} in a synced server. */
  static List<Expected> synced() {
    String www = "www.example.com. 300 IN A 192.0.2.10";
    String www2 = "www.example.com. 300 IN A 192.0.2.11";
    return List.of(
        q("www.example.com", "A", "NOERROR", "qr aa").answer(www, www2),
        q("www.example.com", "AAAA", "NOERROR", "qr aa").answer("www.example.com. 300 IN AAAA 2001:db8::10"),
        q("www.example.com", "MX", "NOERROR", "qr aa").authority(NEG_SOA),
        q("nope.example.com", "A", "NXDOMAIN", "qr aa").authority(NEG_SOA),
        q("ent.example.com", "A", "NOERROR", "qr aa").authority(NEG_SOA),
        q("x.apps.example.com", "A", "NOERROR", "qr aa").answer("x.apps.example.com. 300 IN A 192.0.2.20"),
        q("a.b.apps.example.com", "A", "NOERROR", "qr aa").answer("a.b.apps.example.com. 300 IN A 192.0.2.20"),
        q("x.apps.example.com", "AAAA", "NOERROR", "qr aa").authority(NEG_SOA),
        q("real.apps.example.com", "A", "NOERROR", "qr aa").answer("real.apps.example.com. 300 IN A 192.0.2.21"),
        q("real.apps.example.com", "AAAA", "NOERROR", "qr aa").authority(NEG_SOA),
        q("sub.real.apps.example.com", "A", "NXDOMAIN", "qr aa").authority(NEG_SOA),
        q("apps.example.com", "A", "NOERROR", "qr aa").authority(NEG_SOA),
        q("alias.example.com", "A", "NOERROR", "qr aa")
            .answer("alias.example.com. 300 IN CNAME www.example.com.", www, www2),
        q("alias.example.com", "AAAA", "NOERROR", "qr aa")
            .answer("alias.example.com. 300 IN CNAME www.example.com.", "www.example.com. 300 IN AAAA 2001:db8::10"),
        q("alias.example.com", "CNAME", "NOERROR", "qr aa").answer("alias.example.com. 300 IN CNAME www.example.com."),
        q("alias.example.com", "MX", "NOERROR", "qr aa")
            .answer("alias.example.com. 300 IN CNAME www.example.com.").authority(NEG_SOA),
        q("chain.example.com", "A", "NOERROR", "qr aa").answer("chain.example.com. 300 IN CNAME alias.example.com.",
            "alias.example.com. 300 IN CNAME www.example.com.", www, www2),
        q("ext.example.com", "A", "NOERROR", "qr aa").answer("ext.example.com. 300 IN CNAME target.example.net."),
        q("dangling.example.com", "A", "NXDOMAIN", "qr aa")
            .answer("dangling.example.com. 300 IN CNAME nothere.example.com.").authority(NEG_SOA),
        q("foo.wild.example.com", "A", "NOERROR", "qr aa")
            .answer("foo.wild.example.com. 300 IN CNAME www.example.com.", www, www2),
        q("cross.example.com", "A", "NOERROR", "qr aa")
            .answer("cross.example.com. 300 IN CNAME host.example.org.", "host.example.org. 300 IN A 198.51.100.1"),
        q("cross.example.com", "TXT", "NOERROR", "qr aa")
            .answer("cross.example.com. 300 IN CNAME host.example.org.").authority(ORG_NEG_SOA),
        q("example.com", "SOA", "NOERROR", "qr aa").answer(SOA),
        q("example.com", "NS", "NOERROR", "qr aa")
            .answer("example.com. 300 IN NS ns1.example.com.", "example.com. 300 IN NS ns2.example.net.")
            .additional("ns1.example.com. 300 IN A 192.0.2.53", "ns1.example.com. 300 IN AAAA 2001:db8::53"),
        q("example.com", "A", "NOERROR", "qr aa").answer("example.com. 300 IN A 192.0.2.1"),
        q("example.com", "AAAA", "NOERROR", "qr aa").authority(NEG_SOA),
        q("ns1.example.com", "A", "NOERROR", "qr aa").answer("ns1.example.com. 300 IN A 192.0.2.53"),
        q("txt.example.com", "TXT", "NOERROR", "qr aa").answer("txt.example.com. 300 IN TXT \"hello world\""),
        q("example.net", "A", "REFUSED", "qr"),
        q("com", "SOA", "REFUSED", "qr"),
        q("www.example.com", "ANY", "NOERROR", "qr aa").answer(www, www2),
        q("nope.example.com", "ANY", "NXDOMAIN", "qr aa").authority(NEG_SOA),
        q("x.apps.example.com", "ANY", "NOERROR", "qr aa").answer("x.apps.example.com. 300 IN A 192.0.2.20"));
  }

  /** Before the first sync: config data answers, everything else in the zones is SERVFAIL. */
  static List<Expected> unsynced() {
    return List.of(
        q("example.com", "SOA", "NOERROR", "qr aa").answer(SOA),
        q("example.com", "NS", "NOERROR", "qr aa")
            .answer("example.com. 300 IN NS ns1.example.com.", "example.com. 300 IN NS ns2.example.net.")
            .additional("ns1.example.com. 300 IN A 192.0.2.53", "ns1.example.com. 300 IN AAAA 2001:db8::53"),
        q("ns1.example.com", "A", "NOERROR", "qr aa").answer("ns1.example.com. 300 IN A 192.0.2.53"),
        q("www.example.com", "A", "SERVFAIL", "qr"),
        q("nope.example.com", "A", "SERVFAIL", "qr"),
        q("example.com", "A", "SERVFAIL", "qr"),
        q("example.net", "A", "REFUSED", "qr"));
  }
}
