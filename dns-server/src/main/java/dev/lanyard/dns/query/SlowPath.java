package dev.lanyard.dns.query;

import dev.lanyard.core.net.Cidr;
import dev.lanyard.dns.metrics.DnsMetrics;
import dev.lanyard.dns.rrl.RateLimiter;
import dev.lanyard.dns.snapshot.ServedZone;
import dev.lanyard.dns.snapshot.Snapshot;
import dev.lanyard.dns.snapshot.ViewSnapshot;
import dev.lanyard.dns.transfer.TsigKeys;
import dev.lanyard.dns.transfer.ZoneTransfer;
import dev.lanyard.dns.view.ViewSelector;
import dev.lanyard.dns.wire.ParsedQuery;
import dev.lanyard.dns.wire.Rcodes;
import dev.lanyard.dns.zone.Answer;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Everything the templates do not cover, answered with dnsjava: other opcodes (NOTIFY is refused,
 * UPDATE and the rest are not implemented), TSIG-signed messages, ANY (RFC 8482: one RRset over UDP,
 * all over TCP), zone transfers, other classes and meta types, and messages dnsjava must parse.
 */
public final class SlowPath {
  private static final Logger log = LoggerFactory.getLogger(SlowPath.class);
  private static final long WARN_EVERY_NANOS = 10_000_000_000L;

  private final Supplier<Snapshot> snapshots;
  private final ViewSelector selector;
  private final int serverPayload;
  private final RateLimiter rrl;
  private final DnsMetrics metrics;
  private final TsigKeys keys;
  private final List<Cidr> transferAllow;
  private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  public SlowPath(Supplier<Snapshot> snapshots, ViewSelector selector, int serverPayload, RateLimiter rrl,
      DnsMetrics metrics, TsigKeys keys, List<Cidr> transferAllow) {
    this.snapshots = snapshots;
    this.selector = selector;
    this.serverPayload = serverPayload;
    this.rrl = rrl;
    this.metrics = metrics;
    this.keys = keys;
    this.transferAllow = List.copyOf(transferAllow);
  }

  /** The outcome of one message, for the metrics. */
  private record Outcome(int view, int qtype, int rcode) {}

  void handle(Worker w, byte[] in, int len, int protocol, int listener, ResponseSink sink, long start)
      throws IOException {
    byte[] raw = Arrays.copyOf(in, len);
    Message query;
    try {
      query = new Message(raw);
    } catch (IOException | RuntimeException e) {
      int n = formerrHeader(in, w.out);
      send(w, protocol, sink, w.out, n, null);
      metrics.record(ViewSelector.NONE, -1, Rcodes.FORMERR, protocol, System.nanoTime() - start);
      return;
    }
    Outcome o;
    try {
      o = dispatch(w, query, raw, protocol, listener, sink);
    } catch (RuntimeException e) {
      log.warn("could not answer a query ({}): {}", e.toString(), query.getQuestion());
      Message r = reply(query, Rcode.SERVFAIL);
      send(w, protocol, sink, r.toWire(), null);
      o = new Outcome(ViewSelector.NONE, qtype(query), Rcode.SERVFAIL);
    }
    if (o != null) {
      metrics.record(o.view, o.qtype, o.rcode, protocol, System.nanoTime() - start);
    }
  }

  private Outcome dispatch(Worker w, Message query, byte[] raw, int protocol, int listener, ResponseSink sink)
      throws IOException {
    TSIGRecord signature = query.getTSIG();
    TSIG key = null;
    if (signature != null) {
      key = keys.get(signature.getName());
      int error = key == null ? Rcode.BADKEY : key.verify(query, raw, null);
      if (error != Rcode.NOERROR) {
        Message r = reply(query, Rcode.NOTAUTH);
        if (key == null || error == Rcode.BADSIG) {
          r.addRecord(unsignedTsig(signature, query.getHeader().getID(), error), Section.ADDITIONAL);
        } else {
          r.setTSIG(key, error, signature);
        }
        send(w, protocol, sink, r.toWire(Message.MAXLENGTH), null);
        warnRefusal("rejected a TSIG-signed query from {}: {} (key {})", w.remoteAddress.getHostAddress(),
            Rcode.TSIGstring(error), signature.getName());
        return new Outcome(ViewSelector.NONE, qtype(query), Rcode.NOTAUTH);
      }
    }
    int opcode = query.getHeader().getOpcode();
    if (opcode != Opcode.QUERY) {
      int rcode = opcode == Opcode.NOTIFY ? Rcode.REFUSED : Rcode.NOTIMP;
      return reject(w, query, key, rcode, protocol, sink, ViewSelector.NONE);
    }
    return query(w, query, key, protocol, listener, sink);
  }

  private Outcome query(Worker w, Message query, TSIG key, int protocol, int listener, ResponseSink sink)
      throws IOException {
    List<Record> questions = query.getSection(Section.QUESTION);
    long opts = query.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count();
    OPTRecord opt = query.getOPT();
    if (questions.size() != 1 || opts > 1 || !query.getSection(Section.ANSWER).isEmpty()) {
      return reject(w, query, key, Rcode.FORMERR, protocol, sink, ViewSelector.NONE);
    }
    if (opt != null && opt.getVersion() != 0) {
      return reject(w, query, key, Rcodes.BADVERS, protocol, sink, ViewSelector.NONE);
    }
    Record question = questions.get(0);
    int qtype = question.getType();
    int qclass = question.getDClass();
    if (qtype == 0 || qtype == Type.OPT || qtype == Type.TSIG || qtype == Type.TKEY) {
      return reject(w, query, key, Rcode.FORMERR, protocol, sink, ViewSelector.NONE);
    }
    if (qclass == DClass.ANY) {
      return reject(w, query, key, Rcode.NOTIMP, protocol, sink, ViewSelector.NONE);
    }
    if (qclass != DClass.IN) {
      return reject(w, query, key, Rcode.REFUSED, protocol, sink, ViewSelector.NONE);
    }
    ParsedQuery ecs = ecsOf(opt);
    if (ecs == null) {
      return reject(w, query, key, Rcode.FORMERR, protocol, sink, ViewSelector.NONE);
    }
    int view = selector.select(listener, w.remote, w.remoteLength, ecsPacket(opt), ecs);
    if (view == ViewSelector.NONE) {
      return reject(w, query, key, Rcode.REFUSED, protocol, sink, view);
    }
    Snapshot snapshot = snapshots.get();
    ViewSnapshot vs = snapshot.view(view);
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      return transfer(w, query, key, protocol, sink, snapshot, view, vs);
    }
    if (qtype >= 128 && qtype <= 255 && qtype != Type.ANY) {
      return reject(w, query, key, Rcode.NOTIMP, protocol, sink, view);
    }
    Answer a = vs.content().answer(question.getName(), qtype, protocol == QueryHandler.TCP);
    Message r = reply(query, a.rcode());
    if (a.authoritative()) {
      r.getHeader().setFlag(Flags.AA);
    }
    a.answer().forEach(rec -> r.addRecord(rec, Section.ANSWER));
    a.authority().forEach(rec -> r.addRecord(rec, Section.AUTHORITY));
    a.additional().forEach(rec -> r.addRecord(rec, Section.ADDITIONAL));
    addOpt(r, opt, ecs, 0);
    byte[] wire = sign(r, key, query);
    int limit = protocol == QueryHandler.TCP ? Worker.MAX_MESSAGE
        : opt == null ? QueryHandler.CLASSIC_UDP : Math.min(Math.max(512, opt.getPayloadSize()), serverPayload);
    if (wire.length > limit) {
      Message tc = reply(query, a.rcode());
      if (a.authoritative()) {
        tc.getHeader().setFlag(Flags.AA);
      }
      tc.getHeader().setFlag(Flags.TC);
      addOpt(tc, opt, ecs, 0);
      wire = sign(tc, key, query);
    }
    send(w, protocol, sink, wire, query);
    return new Outcome(view, qtype, a.rcode());
  }

  private Outcome transfer(Worker w, Message query, TSIG key, int protocol, ResponseSink sink, Snapshot snapshot,
      int view, ViewSnapshot vs) throws IOException {
    int qtype = query.getQuestion().getType();
    ServedZone zone = vs.zone(query.getQuestion().getName());
    boolean allowed = key != null || transferAllow.stream().anyMatch(c -> c.contains(w.remoteAddress));
    String what = Type.string(qtype) + " of " + query.getQuestion().getName() + " (view " + vs.name() + ")";
    if (zone == null) {
      return reject(w, query, key, Rcode.NOTAUTH, protocol, sink, view);
    }
    if (!allowed) {
      warnRefusal("refused {} to {}: add it to dns.transfer.allow or have it sign with a dns.transfer.tsig key",
          what, w.remoteAddress.getHostAddress());
      return reject(w, query, key, Rcode.REFUSED, protocol, sink, view);
    }
    if (!snapshot.synced()) {
      return reject(w, query, key, Rcode.SERVFAIL, protocol, sink, view);
    }
    if (qtype == Type.AXFR && protocol != QueryHandler.TCP) {
      return reject(w, query, key, Rcode.FORMERR, protocol, sink, view);
    }
    ZoneTransfer.MessageSink out = m -> sink.send(m, m.length);
    OPTRecord opt = query.getOPT() == null ? null : responseOpt(query.getOPT(), List.of(), 0);
    if (qtype == Type.AXFR) {
      ZoneTransfer.axfr(query, zone, key, opt, out);
    } else {
      ZoneTransfer.ixfr(query, zone, key, opt, protocol == QueryHandler.TCP, out);
    }
    log.debug("sent {} serial {} to {}", what, zone.content().serial(), w.remoteAddress.getHostAddress());
    return new Outcome(view, qtype, Rcode.NOERROR);
  }

  private Outcome reject(Worker w, Message query, TSIG key, int rcode, int protocol, ResponseSink sink, int view)
      throws IOException {
    Message r = reply(query, rcode);
    OPTRecord opt = query.getOPT();
    if (opt != null) {
      addOpt(r, opt, null, rcode >>> 4);
    }
    send(w, protocol, sink, sign(r, key, query), query);
    return new Outcome(view, qtype(query), rcode);
  }

  private static Message reply(Message query, int rcode) {
    Header qh = query.getHeader();
    Message r = new Message(qh.getID());
    Header h = r.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(qh.getOpcode());
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (qh.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    h.setRcode(rcode & 0xf);
    List<Record> questions = query.getSection(Section.QUESTION);
    if (questions.size() == 1) {
      r.addRecord(questions.get(0), Section.QUESTION);
    }
    return r;
  }

  private void addOpt(Message r, OPTRecord opt, ParsedQuery ecs, int extendedRcode) {
    if (opt == null) {
      return;
    }
    List<EDNSOption> options = List.of();
    if (ecs != null && ecs.ecs) {
      ClientSubnetOption c = (ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
      options = List.of(new ClientSubnetOption(c.getSourcePrefixLength(), ecs.ecsScope, c.getAddress()));
    }
    r.addRecord(responseOpt(opt, options, extendedRcode), Section.ADDITIONAL);
  }

  /** The OPT of a response: the server's payload size, the query's DO bit echoed (RFC 6891, RFC 3225). */
  private OPTRecord responseOpt(OPTRecord query, List<EDNSOption> options, int extendedRcode) {
    int flags = (query.getFlags() & 0x8000) != 0 ? 0x8000 : 0;
    return new OPTRecord(serverPayload, extendedRcode, 0, flags, options);
  }

  /** The ECS fields of the query in {@link ParsedQuery} form; null when it carries ECS twice. */
  private static ParsedQuery ecsOf(OPTRecord opt) {
    ParsedQuery q = new ParsedQuery();
    q.reset();
    if (opt == null) {
      return q;
    }
    List<EDNSOption> options = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
    if (options.size() > 1) {
      return null;
    }
    if (options.size() == 1) {
      ClientSubnetOption c = (ClientSubnetOption) options.get(0);
      q.ecs = true;
      q.ecsFamily = c.getAddress() instanceof Inet4Address ? 1 : 2;
      q.ecsSourcePrefix = c.getSourcePrefixLength();
      q.ecsAddressOffset = 0;
      q.ecsAddressLength = (c.getSourcePrefixLength() + 7) / 8;
    }
    return q;
  }

  private static byte[] ecsPacket(OPTRecord opt) {
    if (opt == null || opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).isEmpty()) {
      return new byte[0];
    }
    ClientSubnetOption c = (ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
    return c.getAddress().getAddress();
  }

  private static byte[] sign(Message r, TSIG key, Message query) {
    if (key != null) {
      r.setTSIG(key, Rcode.NOERROR, query.getTSIG());
    }
    return r.toWire(Message.MAXLENGTH);
  }

  private static TSIGRecord unsignedTsig(TSIGRecord q, int id, int error) {
    return new TSIGRecord(q.getName(), DClass.ANY, 0, q.getAlgorithm(), Instant.now(), q.getFudge(), new byte[0], id,
        error, null);
  }

  private void send(Worker w, int protocol, ResponseSink sink, byte[] wire, Message query) throws IOException {
    send(w, protocol, sink, wire, wire.length, query);
  }

  private void send(Worker w, int protocol, ResponseSink sink, byte[] wire, int n, Message query)
      throws IOException {
    if (protocol == QueryHandler.UDP && rrl.enabled()) {
      RateLimiter.Decision d = rrl.check(w.remote, w.remoteLength);
      if (d != RateLimiter.Decision.SEND) {
        metrics.rateLimited(d);
        if (d == RateLimiter.Decision.DROP) {
          return;
        }
        wire = truncated(wire, n);
        n = wire.length;
      }
    }
    sink.send(wire, n);
  }

  /** The header and question of a response, TC=1, without records (RRL slip). */
  private static byte[] truncated(byte[] wire, int n) {
    try {
      Message m = new Message(Arrays.copyOf(wire, n));
      Message t = new Message(m.getHeader().getID());
      t.getHeader().setFlag(Flags.QR);
      t.getHeader().setFlag(Flags.TC);
      t.getHeader().setOpcode(m.getHeader().getOpcode());
      t.getHeader().setRcode(m.getHeader().getRcode());
      m.getSection(Section.QUESTION).forEach(q -> t.addRecord(q, Section.QUESTION));
      return t.toWire();
    } catch (IOException e) {
      return Arrays.copyOf(wire, Math.min(n, 12));
    }
  }

  /** FORMERR for a message dnsjava cannot parse: its header only, counts zero. */
  private static int formerrHeader(byte[] in, byte[] out) {
    out[0] = in[0];
    out[1] = in[1];
    out[2] = (byte) (0x80 | in[2] & 0x78 | in[2] & 0x01);
    out[3] = (byte) Rcodes.FORMERR;
    for (int i = 4; i < 12; i++) {
      out[i] = 0;
    }
    return 12;
  }

  private static int qtype(Message query) {
    Record q = query.getQuestion();
    return q == null ? -1 : q.getType();
  }

  /** Logs at most one refusal per ten seconds, so a scanner cannot flood the log. */
  private void warnRefusal(String format, Object... args) {
    long now = System.nanoTime();
    long last = lastRefusalLog.get();
    if (now - last >= WARN_EVERY_NANOS && lastRefusalLog.compareAndSet(last, now)) {
      log.warn(format, args);
    }
  }
}
