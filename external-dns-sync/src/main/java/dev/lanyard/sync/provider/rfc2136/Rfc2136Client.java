package dev.lanyard.sync.provider.rfc2136;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.sync.provider.ProviderMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** The DNS messages of RFC 2136 sync: signed UPDATE, AXFR and an SOA lookup, all over TCP. */
public final class Rfc2136Client {
  private final HostPort server;
  private final Optional<TSIG> tsig;
  private final Duration timeout;
  private final Optional<ProviderMetrics> metrics;

  public Rfc2136Client(HostPort server, Optional<TSIG> tsig, Duration timeout, Optional<ProviderMetrics> metrics) {
    this.server = server;
    this.tsig = tsig;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  public HostPort server() {
    return server;
  }

  /** A dynamic update of one zone; the builder adds prerequisites and changes. */
  public interface UpdateBody {
    void fill(Update update) throws IOException;
  }

  /**
   * Sends one UPDATE and returns its rcode ({@link Rcode#NOERROR} on success); the server applies
   * all of it or nothing.
   */
  public int update(String zone, UpdateBody body) throws IOException {
    Update update = new Update(name(zone), DClass.IN);
    body.fill(update);
    Message response = send(update, "UPDATE of zone " + zone);
    int rcode = response.getRcode();
    count("UPDATE", Rcode.string(rcode));
    return rcode;
  }

  /** Every record of a zone, by AXFR (TSIG-signed when a key is configured). */
  public List<Record> axfr(String zone) throws IOException {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(name(zone), address(), tsig.orElse(null));
    xfr.setTimeout(timeout);
    try {
      xfr.run();
    } catch (ZoneTransferException e) {
      count("AXFR", "error");
      throw new IOException("AXFR of zone " + zone + " from " + server + " failed: " + e.getMessage()
          + " (the server must allow transfers to this key: allow-transfer { key ...; })", e);
    } catch (IOException e) {
      count("AXFR", "error");
      throw new IOException("AXFR of zone " + zone + " from " + server + " failed: " + e.getMessage(), e);
    }
    count("AXFR", "NOERROR");
    return xfr.getAXFR();
  }

  /** The zone the server holds {@code fqdn} in, from the SOA in its answer or authority section. */
  public String zoneOf(String fqdn) throws IOException {
    Message query = Message.newQuery(Record.newRecord(name(fqdn), Type.SOA, DClass.IN));
    Message response = send(query, "SOA query for " + fqdn);
    count("SOA", Rcode.string(response.getRcode()));
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record r : response.getSection(section)) {
        if (r instanceof SOARecord) {
          return Hostnames.normalize(r.getName().toString());
        }
      }
    }
    throw new IOException(server + " is not authoritative for " + fqdn + " (answered "
        + Rcode.string(response.getRcode()) + " without an SOA)");
  }

  private Message send(Message m, String what) throws IOException {
    SimpleResolver resolver = new SimpleResolver(address());
    resolver.setTCP(true);
    resolver.setTimeout(timeout);
    tsig.ifPresent(resolver::setTSIGKey);
    Message response;
    try {
      response = resolver.send(m);
    } catch (IOException e) {
      count(m.getHeader().getOpcode() == org.xbill.DNS.Opcode.UPDATE ? "UPDATE" : "SOA", "error");
      throw new IOException(what + " to " + server + " failed: " + e.getMessage(), e);
    }
    if (tsig.isPresent() && response.getRcode() != Rcode.NOTAUTH && !response.isVerified()) {
      throw new IOException(what + ": the answer from " + server + " is not signed with the TSIG key");
    }
    return response;
  }

  private InetSocketAddress address() {
    return server.toSocketAddress();
  }

  private void count(String method, String status) {
    metrics.ifPresent(m -> m.request(method, status));
  }

  static Name name(String fqdn) throws IOException {
    try {
      return Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
    } catch (TextParseException e) {
      throw new IOException("\"" + fqdn + "\" is not a DNS name", e);
    }
  }
}
