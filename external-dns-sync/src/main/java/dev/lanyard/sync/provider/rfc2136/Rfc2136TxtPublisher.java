package dev.lanyard.sync.provider.rfc2136;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.TsigKeyConfig;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;

/**
 * ACME DNS-01 challenge values by RFC 2136: adds or deletes exactly one TXT RR, leaving the other
 * values at the name alone. The zone is either given or found by asking the server for the SOA.
 */
public final class Rfc2136TxtPublisher implements TxtRecordPublisher {
  static final long TTL = 60;

  private final Rfc2136Client client;
  private final List<String> zones;
  private final boolean discover;

  /**
   * @param zones the zones challenge names may lie in (the longest match wins)
   * @param discover for a name in none of them, ask the server for its zone (SOA query)
   */
  Rfc2136TxtPublisher(Rfc2136Client client, List<String> zones, boolean discover) {
    this.client = client;
    this.zones = zones.stream().map(Hostnames::normalize).toList();
    this.discover = discover;
  }

  /**
   * A publisher for an rfc2136 solver configured outside {@code sync.providers}.
   *
   * @param zone the zone holding the challenge names
   * @throws IOException when the TSIG secret cannot be read
   */
  public static Rfc2136TxtPublisher create(HostPort server, Optional<TsigKeyConfig> tsig, String zone) throws IOException {
    return new Rfc2136TxtPublisher(client(server, tsig), List.of(zone), false);
  }

  /** As {@link #create(HostPort, Optional, String)}, finding each name's zone by an SOA query to the server. */
  public static Rfc2136TxtPublisher create(HostPort server, Optional<TsigKeyConfig> tsig) throws IOException {
    return new Rfc2136TxtPublisher(client(server, tsig), List.of(), true);
  }

  /** A publisher sharing a sync provider's client (and its metrics) and zones. */
  public static Rfc2136TxtPublisher forProvider(Rfc2136Client client, List<String> zones) {
    return new Rfc2136TxtPublisher(client, zones, true);
  }

  @Override
  public void add(String fqdn, String value) throws IOException {
    send(fqdn, value, true);
  }

  @Override
  public void remove(String fqdn, String value) throws IOException {
    send(fqdn, value, false);
  }

  private void send(String fqdn, String value, boolean add) throws IOException {
    String name = Hostnames.normalize(fqdn);
    Optional<String> configured = zones.stream().filter(z -> Hostnames.isInZone(name, z))
        .max(java.util.Comparator.comparingInt(String::length));
    if (configured.isEmpty() && !discover) {
      throw new IOException(name + " lies outside zone " + zones + " of the rfc2136 solver");
    }
    String z = configured.isPresent() ? configured.get() : client.zoneOf(name);
    TXTRecord rr = new TXTRecord(Rfc2136Client.name(name), DClass.IN, TTL, List.of(value));
    int rcode = client.update(z, u -> {
      if (add) {
        u.add(rr);
      } else {
        u.delete(rr);
      }
    });
    if (rcode != Rcode.NOERROR) {
      throw new IOException("cannot " + (add ? "add" : "delete") + " challenge TXT " + name + " in zone " + z + " at "
          + client.server() + ": " + Rcode.string(rcode));
    }
  }

  private static Rfc2136Client client(HostPort server, Optional<TsigKeyConfig> tsig) throws IOException {
    Optional<TSIG> key = tsig.isPresent() ? Optional.of(TsigKeys.load(tsig.get())) : Optional.empty();
    return new Rfc2136Client(server, key, Duration.ofSeconds(10), Optional.empty());
  }
}
