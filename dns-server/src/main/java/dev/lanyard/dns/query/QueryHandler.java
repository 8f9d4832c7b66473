package dev.lanyard.dns.query;

import dev.lanyard.dns.metrics.DnsMetrics;
import dev.lanyard.dns.rrl.RateLimiter;
import dev.lanyard.dns.snapshot.Snapshot;
import dev.lanyard.dns.view.ViewSelector;
import dev.lanyard.dns.wire.CompiledZone;
import dev.lanyard.dns.wire.ParsedQuery;
import dev.lanyard.dns.wire.QueryParser;
import dev.lanyard.dns.wire.Rcodes;
import dev.lanyard.dns.wire.ResponseWriter;
import dev.lanyard.dns.wire.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Answers one DNS message. The fast path serves plain IN queries from the precomputed templates of
 * the current snapshot without allocating; everything else goes to the {@link SlowPath}.
 */
public final class QueryHandler {
  public static final int UDP = DnsMetrics.UDP;
  public static final int TCP = DnsMetrics.TCP;
  /** Largest UDP response without EDNS (RFC 1035). */
  static final int CLASSIC_UDP = 512;

  private final Supplier<Snapshot> snapshots;
  private final ViewSelector selector;
  private final int serverPayload;
  private final RateLimiter rrl;
  private final DnsMetrics metrics;
  private final SlowPath slow;

  public QueryHandler(Supplier<Snapshot> snapshots, ViewSelector selector, int serverPayload, RateLimiter rrl,
      DnsMetrics metrics, SlowPath slow) {
    this.snapshots = snapshots;
    this.selector = selector;
    this.serverPayload = serverPayload;
    this.rrl = rrl;
    this.metrics = metrics;
    this.slow = slow;
  }

  /**
   * Handles the message {@code in[0, len)} that arrived over {@code protocol} on listener number
   * {@code listener} from {@code remote}; responses go to {@code sink}. Never throws on bad input.
   */
  public void handle(Worker w, byte[] in, int len, int protocol, int listener, InetSocketAddress remote,
      ResponseSink sink) throws IOException {
    long start = System.nanoTime();
    w.observe(remote);
    ParsedQuery q = w.query;
    int kind = QueryParser.parse(in, len, q);
    if (kind == QueryParser.DROP) {
      return;
    }
    if (kind == QueryParser.SLOW) {
      slow.handle(w, in, len, protocol, listener, sink, start);
      return;
    }
    int view = ViewSelector.NONE;
    int rcode;
    int n;
    if (kind == QueryParser.FORMERR) {
      rcode = Rcodes.FORMERR;
      n = ResponseWriter.writeEmpty(in, q, rcode, false, w.out, serverPayload);
    } else if (kind == QueryParser.BADVERS) {
      rcode = Rcodes.BADVERS;
      n = ResponseWriter.writeEmpty(in, q, rcode, false, w.out, serverPayload);
    } else {
      view = selectView(w, listener, in, q);
      CompiledZone zone = view == ViewSelector.NONE ? null : snapshots.get().view(view).compiledFor(q);
      if (zone == null) {
        rcode = Rcodes.REFUSED;
        n = ResponseWriter.writeEmpty(in, q, rcode, false, w.out, serverPayload);
      } else {
        Template t = zone.lookup(q);
        rcode = t.rcode();
        n = ResponseWriter.write(in, q, t, w.out, udpLimit(q, protocol), serverPayload);
      }
    }
    if (protocol == UDP && rrl.enabled()) {
      RateLimiter.Decision d = rrl.check(w.remote, w.remoteLength);
      if (d != RateLimiter.Decision.SEND) {
        metrics.rateLimited(d);
        if (d == RateLimiter.Decision.DROP) {
          return;
        }
        n = ResponseWriter.truncate(in, q, w.out, serverPayload);
      }
    }
    sink.send(w.out, n);
    metrics.record(view, q.hasQuestion ? q.qtype : -1, rcode, protocol, System.nanoTime() - start);
  }

  int selectView(Worker w, int listener, byte[] in, ParsedQuery q) {
    int v = selector.listenerView(listener);
    if (v != ViewSelector.NONE) {
      return v;
    }
    if (!w.rulesKnown) {
      w.clientView = selector.clientView(w.remote, w.remoteLength);
      w.trustedForwarder = selector.trustedForwarder(w.remote, w.remoteLength);
      w.rulesKnown = true;
    }
    if (w.clientView != ViewSelector.NONE) {
      return w.clientView;
    }
    if (q.ecs && w.trustedForwarder) {
      v = selector.ecsView(w.remote, w.remoteLength, in, q);
      if (v != ViewSelector.NONE) {
        return v;
      }
    }
    return selector.defaultView();
  }

  int udpLimit(ParsedQuery q, int protocol) {
    if (protocol == TCP) {
      return Worker.MAX_MESSAGE;
    }
    return q.edns ? Math.min(q.ednsPayload, serverPayload) : CLASSIC_UDP;
  }
}
