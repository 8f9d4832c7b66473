package dev.lanyard.sync.provider.rfc2136;

import dev.lanyard.core.config.SyncConfig;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.net.IpAddresses;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Listing;
import dev.lanyard.sync.provider.ApplyResult;
import dev.lanyard.sync.provider.Provider;
import dev.lanyard.sync.provider.ProviderMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Pushes record sets to a DNS server by RFC 2136 dynamic UPDATE (TSIG-signed), and lists them by
 * AXFR. Each zone's changes go out in UPDATE messages of up to {@value #CHANGES_PER_UPDATE}
 * changes, which the server applies atomically; a refused message is replayed one change at a time
 * so the refused record names itself in the log.
 */
public final class Rfc2136Provider implements Provider {
  static final int CHANGES_PER_UPDATE = 100;
  static final long DEFAULT_TTL = 300;
  private static final int TXT_STRING_MAX = 255;
  private static final Logger LOG = LoggerFactory.getLogger(Rfc2136Provider.class);

  private final String name;
  private final List<String> zones;
  private final Rfc2136Client client;
  private final ProviderMetrics metrics;
  private Listing cache;

  public Rfc2136Provider(String name, List<String> zones, Rfc2136Client client, ProviderMetrics metrics) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("rfc2136 provider \"" + name + "\" needs zones to transfer and update");
    }
    this.name = name;
    this.zones = List.copyOf(zones);
    this.client = client;
    this.metrics = metrics;
  }

  /**
   * Builds the provider from config, reading the TSIG secret now.
   *
   * @throws IllegalArgumentException when the secret cannot be read
   */
  public static Rfc2136Provider create(SyncConfig.Provider p, ProviderMetrics metrics) {
    SyncConfig.Rfc2136 cfg = p.rfc2136().orElseThrow(() ->
        new IllegalArgumentException("provider \"" + p.name() + "\" has type rfc2136 but no rfc2136 section"));
    Optional<TSIG> tsig;
    try {
      tsig = cfg.tsig().isPresent() ? Optional.of(TsigKeys.load(cfg.tsig().get())) : Optional.empty();
    } catch (IOException e) {
      throw new IllegalArgumentException("rfc2136 provider \"" + p.name() + "\": " + e.getMessage(), e);
    }
    return new Rfc2136Provider(p.name(), p.zones(),
        new Rfc2136Client(cfg.server(), tsig, Duration.ofSeconds(10), Optional.of(metrics)), metrics);
  }

  public Rfc2136Client client() {
    return client;
  }

  public List<String> zones() {
    return zones;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "rfc2136";
  }

  @Override
  public Listing list() throws IOException {
    Map<String, Map<RecordType, List<Record>>> byName = new TreeMap<>();
    for (String zone : zones) {
      for (Record r : client.axfr(zone)) {
        Optional<RecordType> type = RecordType.parse(Type.string(r.getType()));
        if (type.isPresent()) {
          byName.computeIfAbsent(Hostnames.normalize(r.getName().toString()), n -> new TreeMap<>())
              .computeIfAbsent(type.get(), t -> new ArrayList<>()).add(r);
        }
      }
    }
    List<Endpoint> out = new ArrayList<>();
    byName.forEach((n, types) -> types.forEach((type, rrs) -> out.add(new Endpoint(n, type,
        rrs.stream().mapToLong(Record::getTTL).min().orElse(DEFAULT_TTL), rrs.stream().map(Rfc2136Provider::value).toList(),
        Map.of(), Map.of()))));
    cache = new Listing(out);
    return cache;
  }

  @Override
  public Optional<Listing> cached() {
    return Optional.ofNullable(cache);
  }

  @Override
  public Endpoint adjust(Endpoint desired) {
    List<String> targets = desired.targets().stream().map(v -> switch (desired.type()) {
      case A, AAAA -> IpAddresses.parse(v).map(IpAddresses::canonical).orElse(v);
      case CNAME -> Hostnames.normalize(v);
      case TXT -> v;
    }).toList();
    return new Endpoint(desired.name(), desired.type(), desired.ttl() > 0 ? desired.ttl() : DEFAULT_TTL, targets,
        desired.labels(), Map.of());
  }

  @Override
  public ApplyResult apply(List<Change> changes) throws IOException {
    long before = metrics.totalRequests();
    List<String> failures = new ArrayList<>();
    List<Change> applied = new ArrayList<>();
    Map<String, List<Change>> byZone = new LinkedHashMap<>();
    for (Change c : changes) {
      Optional<String> zone = zones.stream().filter(z -> Hostnames.isInZone(c.key().name(), z))
          .max(Comparator.comparingInt(String::length));
      if (zone.isEmpty()) {
        failures.add(fail(c, "it lies in none of the zones " + zones));
      } else {
        byZone.computeIfAbsent(zone.get(), z -> new ArrayList<>()).add(c);
      }
    }
    boolean completed = false;
    try {
      for (Map.Entry<String, List<Change>> e : byZone.entrySet()) {
        List<Change> all = e.getValue();
        for (int from = 0; from < all.size(); from += CHANGES_PER_UPDATE) {
          List<Change> chunk = all.subList(from, Math.min(all.size(), from + CHANGES_PER_UPDATE));
          int rcode = client.update(e.getKey(), u -> fill(u, chunk));
          if (rcode == Rcode.NOERROR) {
            applied.addAll(chunk);
            continue;
          }
          LOG.warn("{} refused an UPDATE of {} changes in zone {} ({}); sending them one by one",
              client.server(), chunk.size(), e.getKey(), Rcode.string(rcode));
          for (Change c : chunk) {
            int one = client.update(e.getKey(), u -> fill(u, List.of(c)));
            if (one == Rcode.NOERROR) {
              applied.add(c);
            } else {
              failures.add(fail(c, client.server() + " answered " + Rcode.string(one) + explain(one)));
            }
          }
        }
      }
      completed = true;
    } finally {
      // after a refusal or an unanswered message the server's content is uncertain: transfer again next time
      cache = completed && failures.isEmpty() && cache != null ? cache.apply(applied) : null;
    }
    return new ApplyResult(applied.size(), failures, (int) (metrics.totalRequests() - before));
  }

  @Override
  public void close() {
    // no open connections between messages
  }

  private String fail(Change c, String why) {
    String verb = switch (c) {
      case Change.Create x -> "create";
      case Change.Update x -> "update";
      case Change.Delete x -> "delete";
    };
    String line = "cannot " + verb + " " + c.endpoint() + " (provider " + name + "): " + why;
    LOG.warn(line);
    metrics.error();
    return line;
  }

  private static String explain(int rcode) {
    return switch (rcode) {
      case Rcode.REFUSED -> ": the server refuses updates from this key; allow them with allow-update { key <name>; }"
          + " or an update-policy";
      case Rcode.NOTAUTH -> ": the server is not authoritative for the zone, or the TSIG key does not verify";
      case Rcode.NOTZONE -> ": the name is outside the zone";
      case Rcode.SERVFAIL -> ": the server failed (see its log)";
      default -> "";
    };
  }

  private static void fill(Update u, List<Change> changes) throws IOException {
    for (Change c : changes) {
      switch (c) {
        case Change.Delete d -> u.delete(Rfc2136Client.name(d.endpoint().name()), d.endpoint().type().code());
        case Change.Update up -> {
          u.delete(Rfc2136Client.name(up.endpoint().name()), up.endpoint().type().code());
          for (Record r : records(up.endpoint())) {
            u.add(r);
          }
        }
        case Change.Create cr -> {
          for (Record r : records(cr.endpoint())) {
            u.add(r);
          }
        }
      }
    }
  }

  static List<Record> records(Endpoint e) throws IOException {
    Name owner = Rfc2136Client.name(e.name());
    List<Record> out = new ArrayList<>();
    for (String v : e.targets()) {
      out.add(switch (e.type()) {
        case A, AAAA -> {
          InetAddress a = IpAddresses.parse(v).orElseThrow(() -> new IOException(e.name() + " " + e.type() + ": \"" + v
              + "\" is not an IP address"));
          yield e.type() == RecordType.A ? new ARecord(owner, DClass.IN, e.ttl(), a) : new AAAARecord(owner, DClass.IN, e.ttl(), a);
        }
        case CNAME -> new CNAMERecord(owner, DClass.IN, e.ttl(), Rfc2136Client.name(v));
        case TXT -> new TXTRecord(owner, DClass.IN, e.ttl(), split(v));
      });
    }
    return out;
  }

  /** TXT strings hold at most 255 octets; longer values become several strings, joined again on read. */
  private static List<String> split(String v) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < v.length(); i += TXT_STRING_MAX) {
      parts.add(v.substring(i, Math.min(v.length(), i + TXT_STRING_MAX)));
    }
    return parts.isEmpty() ? List.of("") : parts;
  }

  private static String value(Record r) {
    return switch (r) {
      case ARecord a -> IpAddresses.canonical(a.getAddress());
      case AAAARecord a -> IpAddresses.canonical(a.getAddress());
      case CNAMERecord c -> Hostnames.normalize(c.getTarget().toString());
      case TXTRecord t -> String.join("", t.getStrings());
      default -> r.rdataToString();
    };
  }
}
