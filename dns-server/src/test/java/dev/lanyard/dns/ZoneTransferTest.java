package dev.lanyard.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.dns.query.QueryHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** AXFR and IXFR over real TCP with dnsjava's client, with ACL and with TSIG. */
class ZoneTransferTest {
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";
  @TempDir Path dir;

  private DnsServer start(String transfer) throws Exception {
    Files.writeString(dir.resolve("xfr.key"), SECRET + "\n");
    DnsServer s = new DnsServer(Fixtures.config(dir, """
        dns:
          listen: ["127.0.0.1:0"]
          transfer:
        """ + transfer), new SimpleMeterRegistry(), Fixtures.CLOCK);
    s.start();
    return s;
  }

  private static Name zone() {
    return Name.fromConstantString("example.com.");
  }

  @Test
  void axfrSendsTheWholeZoneBetweenTwoSoas() throws Exception {
    try (DnsServer s = start("    allow: [127.0.0.1/32]\n")) {
      s.update(Fixtures.state(1, Fixtures.records()));
      ZoneTransferIn x = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), null);
      x.run();
      List<Record> rrs = x.getAXFR();
      assertThat(rrs.get(0)).isInstanceOf(SOARecord.class);
      assertThat(rrs.get(rrs.size() - 1)).isEqualTo(rrs.get(0));
      assertThat(((SOARecord) rrs.get(0)).getSerial()).isEqualTo(Fixtures.SERIAL);
      assertThat(rrs.stream().map(r -> r.getName() + " " + Type.string(r.getType())))
          .contains("example.com. NS", "ns1.example.com. A", "ns1.example.com. AAAA", "www.example.com. A",
              "*.apps.example.com. A", "alias.example.com. CNAME", "txt.example.com. TXT")
          .doesNotContain("host.example.org. A");
    }
  }

  @Test
  void ixfrSendsOnlyTheChangeAndFallsBackToAxfr() throws Exception {
    try (DnsServer s = start("    allow: [127.0.0.1/32]\n")) {
      s.update(Fixtures.state(1, Fixtures.records()));
      List<RecordSet> changed = new ArrayList<>(Fixtures.records());
      changed.removeIf(r -> r.name().equals("txt.example.com"));
      changed.add(RecordSet.of("new.example.com", RecordType.A, 300, "192.0.2.77"));
      s.update(Fixtures.state(2, changed));
      assertThat(s.serial("example.com")).isEqualTo(Fixtures.SERIAL + 1);

      ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(zone(), Fixtures.SERIAL, false, s.boundAddresses().get(0), null);
      ixfr.run();
      assertThat(ixfr.isIXFR()).isTrue();
      ZoneTransferIn.Delta d = ixfr.getIXFR().get(0);
      assertThat(d.start).isEqualTo(Fixtures.SERIAL);
      assertThat(d.end).isEqualTo(Fixtures.SERIAL + 1);
      assertThat(d.deletes.stream().map(Record::toString)).anyMatch(l -> l.contains("txt.example.com."));
      assertThat(d.adds.stream().map(Record::toString)).anyMatch(l -> l.contains("new.example.com."));
      assertThat(d.adds.stream().filter(r -> !(r instanceof SOARecord))).hasSize(1);

      ZoneTransferIn unknown = ZoneTransferIn.newIXFR(zone(), 12345, true, s.boundAddresses().get(0), null);
      unknown.run();
      assertThat(unknown.isAXFR()).as("journal cannot serve serial 12345: full transfer").isTrue();

      ZoneTransferIn current = ZoneTransferIn.newIXFR(zone(), Fixtures.SERIAL + 1, false, s.boundAddresses().get(0),
          null);
      current.run();
      assertThat(current.isCurrent()).isTrue();
    }
  }

  @Test
  void ixfrOverUdpAnswersTheCurrentSoaOnly() throws Exception {
    try (DnsServer s = start("    allow: [127.0.0.1/32]\n")) {
      s.update(Fixtures.state(1, Fixtures.records()));
      Message q = Probe.query("example.com", "IXFR", false);
      q.addRecord(new SOARecord(zone(), DClass.IN, 0, zone(), zone(), 1, 0, 0, 0, 0), Section.AUTHORITY);
      Message r = new Probe(s).ask(q, QueryHandler.UDP, 0, "127.0.0.1");
      assertThat(r.getSection(Section.ANSWER)).singleElement()
          .satisfies(rec -> assertThat(((SOARecord) rec).getSerial()).isEqualTo(Fixtures.SERIAL));
      Message axfrUdp = new Probe(s).ask(Probe.query("example.com", "AXFR", false), QueryHandler.UDP, 0,
          "127.0.0.1");
      assertThat(Reply.of(axfrUdp).rcode()).isEqualTo("FORMERR");
    }
  }

  @Test
  void transfersEchoEdnsInEveryMessageAndErrorsAreNotAuthoritative() throws Exception {
    try (DnsServer s = start("    allow: [127.0.0.1/32]\n")) {
      List<RecordSet> many = new ArrayList<>(Fixtures.records());
      for (int i = 0; i < 600; i++) {
        many.add(RecordSet.of("host-" + i + ".example.com", RecordType.TXT, 300, "x".repeat(60)));
      }
      s.update(Fixtures.state(1, many));
      List<byte[]> axfr = new Probe(s).raw(Probe.query("example.com", "AXFR", true).toWire(), QueryHandler.TCP, 0,
          "127.0.0.1");
      assertThat(axfr).as("a zone this size takes several messages").hasSizeGreaterThan(1);
      for (byte[] wire : axfr) {
        Message m = new Message(wire);
        assertThat(m.getOPT()).as("RFC 6891 7: OPT in each response to an EDNS query").isNotNull();
        assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
      }
      assertThat(new Message(new Probe(s).raw(Probe.query("example.com", "AXFR", false).toWire(), QueryHandler.TCP, 0,
          "127.0.0.1").get(0)).getOPT()).as("no OPT without EDNS").isNull();

      Message ixfrUdp = Probe.query("example.com", "IXFR", true);
      ixfrUdp.addRecord(new SOARecord(zone(), DClass.IN, 0, zone(), zone(), 1, 0, 0, 0, 0), Section.AUTHORITY);
      assertThat(new Probe(s).ask(ixfrUdp, QueryHandler.UDP, 0, "127.0.0.1").getOPT()).isNotNull();

      Message noSoa = new Probe(s).ask(Probe.query("example.com", "IXFR", true), QueryHandler.TCP, 0, "127.0.0.1");
      assertThat(Reply.of(noSoa).rcode()).isEqualTo("FORMERR");
      assertThat(noSoa.getHeader().getFlag(Flags.AA)).as("RFC 5936 2.2.1: AA=0 with an error").isFalse();
      assertThat(noSoa.getOPT()).isNotNull();
    }
  }

  @Test
  void transfersOutsideTheAclAreRefusedAndNonZonesAreNotAuth() throws Exception {
    try (DnsServer s = start("    allow: [192.0.2.0/24]\n")) {
      s.update(Fixtures.state(1, Fixtures.records()));
      ZoneTransferIn x = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), null);
      assertThatThrownBy(x::run).isInstanceOf(ZoneTransferException.class).hasMessageContaining("REFUSED");
      Message notZone = new Probe(s).ask(Probe.query("www.example.com", "AXFR", false), QueryHandler.TCP, 0,
          "192.0.2.1");
      assertThat(Reply.of(notZone).rcode()).isEqualTo("NOTAUTH");
    }
  }

  @Test
  void tsigSignedTransfersAreVerifiedAndSigned() throws Exception {
    try (DnsServer s = start("""
            tsig:
              - name: xfr-key
                algorithm: hmac-sha256
                secretFile: xfr.key
        """)) {
      List<RecordSet> many = new ArrayList<>(Fixtures.records());
      for (int i = 0; i < 2000; i++) {
        many.add(RecordSet.of("host-" + i + ".example.com", RecordType.A, 300, "10.0." + i / 250 + "." + i % 250));
      }
      s.update(Fixtures.state(1, many));
      TSIG good = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("xfr-key."), SECRET);
      ZoneTransferIn signed = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), good);
      signed.run();
      assertThat(signed.getAXFR()).as("several messages, each signed and verified by dnsjava's stream verifier")
          .hasSizeGreaterThan(2000);

      ZoneTransferIn unsigned = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), null);
      assertThatThrownBy(unsigned::run).hasMessageContaining("REFUSED");

      TSIG wrong = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("xfr-key."), "d3Jvbmctc2VjcmV0");
      ZoneTransferIn bad = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), wrong);
      assertThatThrownBy(bad::run).isInstanceOf(Exception.class);

      TSIG unknown = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("other-key."), SECRET);
      Message q = Probe.query("example.com", "AXFR", false);
      q.setTSIG(unknown);
      byte[] wire = q.toWire(Message.MAXLENGTH);
      byte[] response = new Probe(s).raw(wire, QueryHandler.TCP, 0, "127.0.0.1").get(0);
      Message r = new Message(response);
      assertThat(Reply.of(r).rcode()).isEqualTo("NOTAUTH");
      assertThat(r.getTSIG().getError()).isEqualTo(org.xbill.DNS.Rcode.BADKEY);

      Message signedQuery = Probe.query("www.example.com", "A", false);
      signedQuery.setTSIG(good);
      byte[] signedWire = signedQuery.toWire(Message.MAXLENGTH);
      byte[] answer = new Probe(s).raw(signedWire, QueryHandler.UDP, 0, "127.0.0.1").get(0);
      Message signedAnswer = new Message(answer);
      assertThat(good.verify(signedAnswer, answer, new Message(signedWire).getTSIG())).as("a signed query gets a signed answer")
          .isEqualTo(org.xbill.DNS.Rcode.NOERROR);
      assertThat(signedAnswer.getSection(Section.ANSWER)).hasSize(2);
    }
  }

  @Test
  void beforeTheFirstSyncTransfersFail() throws Exception {
    try (DnsServer s = start("    allow: [127.0.0.1/32]\n")) {
      ZoneTransferIn x = ZoneTransferIn.newAXFR(zone(), s.boundAddresses().get(0), null);
      assertThatThrownBy(x::run).hasMessageContaining("SERVFAIL");
    }
  }
}
