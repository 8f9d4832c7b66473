package dev.lanyard.acme.dns;

import dev.lanyard.acme.solver.ChallengeDns;
import dev.lanyard.acme.solver.PropagationException;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Checks challenge records where the CA will look: on configured nameservers, or on every NS host
 * of the zone, asked directly and without recursion. Polls with a short, growing pause (100 ms up
 * to 1 s) rather than sleeping a fixed time; a server that answered once is not asked again.
 */
public final class AuthoritativeDns implements ChallengeDns {
  private static final Logger log = LoggerFactory.getLogger(AuthoritativeDns.class);
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
  static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  static final Duration MAX_PAUSE = Duration.ofSeconds(1);

  private final List<HostPort> configured;
  private final Resolver lookups;
  private final String lookupsName;
  private final int nameserverPort;
  private final Clock clock;

  private AuthoritativeDns(List<HostPort> configured, Resolver lookups, String lookupsName, int nameserverPort,
      Clock clock) {
    this.configured = List.copyOf(configured);
    this.lookups = lookups;
    this.lookupsName = lookupsName;
    this.nameserverPort = nameserverPort;
    this.clock = clock;
  }

  /**
   * With {@code nameservers}: CNAMEs are looked up there and propagation is checked on each of
   * them. Without: through the system resolver, and on the zone's NS hosts at port 53.
   */
  public static AuthoritativeDns of(List<HostPort> nameservers) {
    if (nameservers.isEmpty()) {
      ExtendedResolver system = new ExtendedResolver();
      system.setTimeout(QUERY_TIMEOUT);
      return new AuthoritativeDns(List.of(), system, "the system resolver", 53, Clock.systemUTC());
    }
    List<Resolver> each = new ArrayList<>();
    for (HostPort hp : nameservers) {
      SimpleResolver r = new SimpleResolver(hp.toSocketAddress());
      r.setTimeout(QUERY_TIMEOUT);
      each.add(r);
    }
    ExtendedResolver lookups = new ExtendedResolver(each);
    lookups.setTimeout(QUERY_TIMEOUT);
    String names = nameservers.stream().map(HostPort::toString).collect(Collectors.joining(", "));
    return new AuthoritativeDns(nameservers, lookups, names, 53, Clock.systemUTC());
  }

  /**
   * Finds the zone's nameservers through {@code resolver} and asks them at {@code nameserverPort}
   * (53 in production; tests run their servers on free ports).
   */
  public static AuthoritativeDns discovering(InetSocketAddress resolver, int nameserverPort) {
    SimpleResolver r = new SimpleResolver(resolver);
    r.setTimeout(QUERY_TIMEOUT);
    return new AuthoritativeDns(List.of(), r, resolver.toString(), nameserverPort, Clock.systemUTC());
  }

  @Override
  public String publishName(String challengeName) throws IOException {
    return CnameChain.follow(challengeName, this::cname);
  }

  private Optional<String> cname(String name) throws IOException {
    Message m = DnsQuery.ask(lookups, name, Type.CNAME, lookupsName);
    if (m.getRcode() == Rcode.REFUSED) {
      throw new IOException("CNAME " + name + " at " + lookupsName + ": REFUSED (that server serves no zone containing "
          + Hostnames.normalize(name) + ")");
    }
    if (m.getRcode() != Rcode.NOERROR && m.getRcode() != Rcode.NXDOMAIN) {
      throw new IOException("CNAME " + name + " at " + lookupsName + ": " + DnsQuery.rcode(m));
    }
    for (Record r : DnsQuery.answers(m)) {
      if (r instanceof CNAMERecord c && DnsQuery.text(c.getName()).equals(Hostnames.normalize(name))) {
        return Optional.of(DnsQuery.text(c.getTarget()));
      }
    }
    return Optional.empty();
  }

  @Override
  public void awaitPropagation(Map<String, Set<String>> valuesByName, Duration timeout)
      throws PropagationException, InterruptedException {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Map<String, List<Nameserver>> servers = new HashMap<>();
    Set<String> confirmed = new HashSet<>();
    Duration pause = FIRST_PAUSE;
    int queries = 0;
    while (true) {
      Map<String, String> lagging = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> e : valuesByName.entrySet()) {
        String name = Hostnames.normalize(e.getKey());
        List<Nameserver> ns = servers.get(name);
        if (ns == null) {
          try {
            ns = nameserversFor(name);
            servers.put(name, ns);
          } catch (IOException ex) {
            lagging.put(name, ex.getMessage());
            continue;
          }
        }
        for (Nameserver server : ns) {
          String key = name + "@" + server;
          if (confirmed.contains(key)) {
            continue;
          }
          queries++;
          Optional<String> lag = lag(server, name, e.getValue());
          if (lag.isEmpty()) {
            confirmed.add(key);
          } else {
            lagging.put(name + " at " + server, lag.get());
          }
        }
      }
      Instant now = clock.instant();
      if (lagging.isEmpty()) {
        log.debug("challenge records visible on {} name/server pairs after {} ms and {} queries", confirmed.size(),
            Duration.between(start, now).toMillis(), queries);
        return;
      }
      if (!now.isBefore(deadline)) {
        throw new PropagationException("challenge TXT records not visible on every authoritative nameserver after "
            + timeout.toSeconds() + "s: " + lagging.entrySet().stream()
                .map(l -> l.getKey() + ": " + l.getValue()).collect(Collectors.joining("; ")));
      }
      Duration left = Duration.between(now, deadline);
      Thread.sleep(pause.compareTo(left) < 0 ? pause : left);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) < 0 ? pause.multipliedBy(2) : MAX_PAUSE;
    }
  }

  private List<Nameserver> nameserversFor(String name) throws IOException {
    if (configured.isEmpty()) {
      return new ZoneNameservers(lookups, lookupsName, nameserverPort).of(name);
    }
    List<Nameserver> out = new ArrayList<>();
    for (HostPort hp : configured) {
      InetSocketAddress address = hp.toSocketAddress();
      if (address.isUnresolved()) {
        throw new IOException("cannot resolve nameserver " + hp.host());
      }
      out.add(new Nameserver(hp.toString(), address));
    }
    return out;
  }

  /** What is missing at one server, or empty when it answers every value. */
  private static Optional<String> lag(Nameserver server, String name, Set<String> values) {
    Message m;
    try {
      m = DnsQuery.askDirect(server.address(), name, Type.TXT, QUERY_TIMEOUT);
    } catch (IOException e) {
      return Optional.of(e.getCause() != null && e.getCause().getMessage() != null
          ? e.getCause().getMessage() : e.getMessage());
    }
    if (m.getRcode() != Rcode.NOERROR) {
      return Optional.of(DnsQuery.rcode(m));
    }
    Set<String> seen = new TreeSet<>();
    for (Record r : DnsQuery.answers(m)) {
      if (r instanceof TXTRecord txt && DnsQuery.text(txt.getName()).equals(name)) {
        seen.add(String.join("", txt.getStrings()));
      }
    }
    if (seen.containsAll(values)) {
      return Optional.empty();
    }
    return Optional.of(seen.isEmpty() ? "no TXT record yet" : "has " + seen.stream()
        .map(v -> "\"" + v + "\"").collect(Collectors.joining(", ")) + " but not all of the expected values");
  }
}
