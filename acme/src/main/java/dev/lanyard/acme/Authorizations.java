package dev.lanyard.acme;

import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.acme.solver.PropagationException;
import dev.lanyard.core.cert.IssuanceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the pending authorizations of one order by DNS-01: publish every value, wait until the
 * authoritative servers answer them all, only then let the CA validate (a challenge triggered too
 * early burns the CA's failed-validation limit). The records are removed before returning, also
 * when anything fails.
 */
final class Authorizations {
  private static final Logger log = LoggerFactory.getLogger(Authorizations.class);

  private final String issuer;
  private final Dns01Solver solver;
  private final Duration propagationTimeout;
  private final Duration validationTimeout;
  private final Poller poller;
  private final Clock clock;

  Authorizations(String issuer, Dns01Solver solver, Duration propagationTimeout, Duration validationTimeout,
      Clock clock) {
    this.issuer = issuer;
    this.solver = solver;
    this.propagationTimeout = propagationTimeout;
    this.validationTimeout = validationTimeout;
    this.poller = new Poller(clock);
    this.clock = clock;
  }

  void complete(Order order) throws AcmeException, IssuanceException, InterruptedException {
    try (Dns01Solver.Attempt attempt = solver.begin()) {
      List<Pending> pending = present(order, attempt);
      if (pending.isEmpty()) {
        return;
      }
      Instant published = clock.instant();
      log.info("issuer {}: published {} challenge record(s); waiting until the nameservers answer them", issuer,
          pending.size());
      try {
        attempt.awaitPropagation(propagationTimeout);
      } catch (PropagationException e) {
        throw new IssuanceException("issuer " + issuer + ": " + e.getMessage(), e);
      }
      log.debug("issuer {}: challenge records propagated in {} ms", issuer,
          Duration.between(published, clock.instant()).toMillis());
      for (Pending p : pending) {
        p.challenge().trigger();
      }
      List<String> failures = new ArrayList<>();
      for (Pending p : pending) {
        Status status = poller.await(p.challenge(), EnumSet.of(Status.VALID, Status.INVALID), validationTimeout,
            "the dns-01 challenge for " + p.identifier());
        if (status == Status.INVALID) {
          failures.add(p.identifier() + ": " + p.challenge().getError().map(AcmeFailures::describe)
              .orElse("no problem detail from the CA"));
        }
      }
      if (!failures.isEmpty()) {
        throw new IssuanceException("issuer " + issuer + ": dns-01 validation failed for " + String.join("; ", failures));
      }
    }
  }

  private List<Pending> present(Order order, Dns01Solver.Attempt attempt) throws IssuanceException {
    List<Pending> pending = new ArrayList<>();
    for (Authorization auth : order.getAuthorizations()) {
      Status status = auth.getStatus();
      String id = label(auth);
      if (status == Status.VALID) {
        log.debug("issuer {}: the authorization for {} is still valid", issuer, id);
        continue;
      }
      if (status != Status.PENDING) {
        throw new IssuanceException("issuer " + issuer + ": the authorization for " + id + " is "
            + status.name().toLowerCase(Locale.ROOT) + challengeErrors(auth));
      }
      Dns01Challenge challenge = auth.findChallenge(Dns01Challenge.class).orElseThrow(() -> new IssuanceException(
          "issuer " + issuer + ": the CA offers no dns-01 challenge for " + id + " (offered: "
              + auth.getChallenges().stream().map(Challenge::getType).collect(Collectors.joining(", ")) + ")"));
      try {
        attempt.present(auth.getIdentifier().getDomain(), challenge.getDigest());
      } catch (IOException e) {
        throw new IssuanceException("issuer " + issuer + ": cannot publish the dns-01 record for " + id + ": "
            + e.getMessage(), e);
      }
      pending.add(new Pending(id, challenge));
    }
    return pending;
  }

  private record Pending(String identifier, Dns01Challenge challenge) {}

  private static String label(Authorization auth) {
    return (auth.isWildcard() ? "*." : "") + auth.getIdentifier().getDomain();
  }

  private static String challengeErrors(Authorization auth) {
    String errors = auth.getChallenges().stream()
        .flatMap(c -> c.getError().stream())
        .map(AcmeFailures::describe)
        .collect(Collectors.joining("; "));
    return errors.isEmpty() ? "" : ": " + errors;
  }
}
