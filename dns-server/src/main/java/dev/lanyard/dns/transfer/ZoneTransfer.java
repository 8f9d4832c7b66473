package dev.lanyard.dns.transfer;

import dev.lanyard.dns.snapshot.ServedZone;
import dev.lanyard.dns.zone.Journal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Writes AXFR (RFC 5936) and IXFR (RFC 1995) responses as a stream of messages. IXFR is served
 * from the zone's journal when it reaches back to the client's serial, as a full AXFR-style
 * transfer otherwise, and as the single current SOA when the client is up to date (or asked over
 * UDP). With a TSIG key every message is signed (RFC 8945 5.3.1).
 */
public final class ZoneTransfer {
  /** Upper bound of uncompressed record bytes per message, well inside the 64 KiB TCP limit. */
  static final int MESSAGE_BUDGET = 16_000;

  /** Receives one finished message. */
  public interface MessageSink {
    void send(byte[] message) throws IOException;
  }

  private ZoneTransfer() {}

  /** {@code opt}: added to every message when the query carried EDNS (RFC 6891 7), else null. */
  public static void axfr(Message query, ServedZone zone, TSIG key, OPTRecord opt, MessageSink sink) throws IOException {
    new Stream(query, key, opt, sink).full(zone);
  }

  /** {@code tcp}: false answers with the current SOA only when the client is behind (RFC 1995 2). */
  public static void ixfr(Message query, ServedZone zone, TSIG key, OPTRecord opt, boolean tcp, MessageSink sink)
      throws IOException {
    Stream s = new Stream(query, key, opt, sink);
    SOARecord current = zone.content().soa();
    long clientSerial = clientSerial(query);
    if (clientSerial < 0) {
      s.error(Rcode.FORMERR);
      return;
    }
    if (!isBehind(clientSerial, current.getSerial()) || !tcp) {
      s.add(current);
      s.finish();
      return;
    }
    Optional<List<Journal.Diff>> diffs = zone.journal().since(clientSerial);
    if (diffs.isEmpty()) {
      s.full(zone);
      return;
    }
    s.add(current);
    for (Journal.Diff d : diffs.get()) {
      s.add(d.from());
      for (Record r : d.deleted()) {
        s.add(r);
      }
      s.add(d.to());
      for (Record r : d.added()) {
        s.add(r);
      }
    }
    s.add(current);
    s.finish();
  }

  private static long clientSerial(Message query) {
    for (Record r : query.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa) {
        return soa.getSerial();
      }
    }
    return -1;
  }

  /** RFC 1982: true when {@code client} is older than {@code current}. */
  static boolean isBehind(long client, long current) {
    long d = current - client & 0xffffffffL;
    return d != 0 && d < 0x80000000L;
  }

  private static final class Stream {
    private final Message query;
    private final TSIG key;
    private final OPTRecord opt;
    private final MessageSink sink;
    private Message message;
    private int bytes;
    private boolean first = true;
    private TSIGRecord lastSignature;
    private final List<Record> pending = new ArrayList<>();

    Stream(Message query, TSIG key, OPTRecord opt, MessageSink sink) {
      this.query = query;
      this.key = key;
      this.opt = opt;
      this.sink = sink;
      this.lastSignature = query.getTSIG();
    }

    void full(ServedZone zone) throws IOException {
      SOARecord soa = zone.content().soa();
      add(soa);
      for (Record r : zone.content().records()) {
        add(r);
      }
      add(soa);
      finish();
    }

    void add(Record r) throws IOException {
      int size = r.toWire(Section.ANSWER).length;
      if (!pending.isEmpty() && bytes + size > MESSAGE_BUDGET) {
        flush();
      }
      pending.add(r);
      bytes += size;
    }

    void error(int rcode) throws IOException {
      Message m = header();
      m.getHeader().setRcode(rcode);
      m.getHeader().unsetFlag(Flags.AA); // RFC 5936 2.2.1: AA is 0 when the rcode is not NOERROR
      send(m);
    }

    void finish() throws IOException {
      flush();
    }

    private void flush() throws IOException {
      Message m = header();
      pending.forEach(r -> m.addRecord(r, Section.ANSWER));
      pending.clear();
      bytes = 0;
      send(m);
    }

    private Message header() {
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setFlag(Flags.AA);
      m.getHeader().setOpcode(Opcode.QUERY);
      if (first) {
        m.addRecord(query.getQuestion(), Section.QUESTION);
      }
      if (opt != null) {
        m.addRecord(opt, Section.ADDITIONAL);
      }
      return m;
    }

    private void send(Message m) throws IOException {
      if (key != null) {
        key.apply(m, lastSignature, first);
        lastSignature = m.getTSIG();
      }
      first = false;
      sink.send(m.toWire());
    }
  }
}
