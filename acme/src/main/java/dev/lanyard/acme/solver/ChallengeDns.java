package dev.lanyard.acme.solver;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What a DNS-01 solver needs to know about the DNS: where a challenge record really lives, and
 * when the servers the CA will ask answer it.
 */
public interface ChallengeDns {

  /**
   * The name a TXT record for {@code challengeName} must be written at: the name itself, or the
   * end of its CNAME chain when {@code _acme-challenge} is delegated elsewhere.
   */
  String publishName(String challengeName) throws IOException;

  /**
   * Returns once every nameserver that must serve these records answers all the values at each
   * name (other values may be there too).
   *
   * @throws PropagationException at the deadline, naming each server that still lags and what it saw
   */
  void awaitPropagation(Map<String, Set<String>> valuesByName, Duration timeout)
      throws PropagationException, InterruptedException;
}
