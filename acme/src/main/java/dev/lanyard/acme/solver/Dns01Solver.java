package dev.lanyard.acme.solver;

import dev.lanyard.acme.dns.AuthoritativeDns;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers DNS-01 challenges: publishes {@code _acme-challenge} TXT values through a
 * {@link TxtRecordPublisher} (Lanyard's own DNS, Cloudflare, RFC 2136), following a CNAME
 * delegation of the challenge name, waits until the authoritative servers answer them, and removes
 * exactly those values again. Thread-safe when the publisher is; each issuance uses its own
 * {@link Attempt}.
 */
public final class Dns01Solver {
  private static final Logger log = LoggerFactory.getLogger(Dns01Solver.class);
  private static final String PREFIX = "_acme-challenge.";

  private final TxtRecordPublisher publisher;
  private final ChallengeDns dns;

  private Dns01Solver(TxtRecordPublisher publisher, ChallengeDns dns) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.dns = Objects.requireNonNull(dns, "dns");
  }

  public static Dns01Solver of(TxtRecordPublisher publisher, ChallengeDns dns) {
    return new Dns01Solver(publisher, dns);
  }

  /**
   * A solver that checks propagation on {@code nameservers} (the issuer's {@code nameservers}
   * setting), or on the zone's NS hosts found through the system resolver when the list is empty.
   */
  public static Dns01Solver of(TxtRecordPublisher publisher, List<HostPort> nameservers) {
    return new Dns01Solver(publisher, AuthoritativeDns.of(nameservers));
  }

  /** The TXT name for an authorization's domain; {@code *.x} and {@code x} share {@code _acme-challenge.x}. */
  public static String challengeName(String domain) {
    String d = Hostnames.normalize(domain);
    return PREFIX + (Hostnames.isWildcard(d) ? d.substring(2) : d);
  }

  public Attempt begin() {
    return new Attempt();
  }

  /** The records of one order. Closing it removes every value it published, also after a failure. */
  public final class Attempt implements AutoCloseable {
    private final List<Published> published = new ArrayList<>();

    private Attempt() {}

    /**
     * Publishes {@code value} for {@code domain}'s challenge.
     *
     * @return the name the value was written at (differs from the challenge name under a CNAME)
     */
    public synchronized String present(String domain, String value) throws IOException {
      String challenge = challengeName(domain);
      String target = Hostnames.normalize(dns.publishName(challenge));
      if (!target.equals(challenge)) {
        log.info("{} is a CNAME to {}; publishing the challenge there", challenge, target);
      }
      published.add(new Published(target, value));
      publisher.add(target, value);
      return target;
    }

    /** Waits until every published value is answered by the authoritative servers. */
    public void awaitPropagation(Duration timeout) throws PropagationException, InterruptedException {
      Map<String, Set<String>> byName = new LinkedHashMap<>();
      synchronized (this) {
        for (Published p : published) {
          byName.computeIfAbsent(p.name(), n -> new LinkedHashSet<>()).add(p.value());
        }
      }
      if (!byName.isEmpty()) {
        dns.awaitPropagation(byName, timeout);
      }
    }

    /** Removes what was published; failures are logged, never thrown, so they cannot hide the real outcome. */
    @Override
    public synchronized void close() {
      for (Published p : published) {
        try {
          publisher.remove(p.name(), p.value());
        } catch (IOException | RuntimeException e) {
          log.warn("could not remove challenge TXT record at {}: {}; remove it by hand if it stays", p.name(),
              e.getMessage());
        }
      }
      published.clear();
    }
  }

  private record Published(String name, String value) {}
}
