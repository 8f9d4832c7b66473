package dev.lanyard.acme;

import dev.lanyard.acme.account.AccountStore;
import dev.lanyard.acme.account.Accounts;
import dev.lanyard.acme.account.FileAccountStore;
import dev.lanyard.acme.account.SecretAccountStore;
import dev.lanyard.acme.http.AcmeSessions;
import dev.lanyard.acme.http.LastResponse;
import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.config.SecretRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificates from an ACME CA (Let's Encrypt, ZeroSSL, step-ca, Pebble) by DNS-01. Each
 * {@link #issue} call orders the names, answers every pending authorization through the
 * {@link Dns01Solver}, finalizes with the caller's key and returns the checked chain. Blocking and
 * thread-safe: the lifecycle calls it from its workers, several certificates at a time. Creating
 * the issuer does no network I/O; the account is registered (or its stored URL reused) on the
 * first call.
 */
public final class AcmeIssuer implements Issuer {
  private static final Logger log = LoggerFactory.getLogger(AcmeIssuer.class);
  static final Duration VALIDATION_TIMEOUT = Duration.ofMinutes(3);
  static final Duration FINALIZE_TIMEOUT = Duration.ofMinutes(3);

  private final String name;
  private final CertificatesConfig.Acme config;
  private final Session session;
  private final Accounts accounts;
  private final Authorizations authorizations;
  private final RenewalAdvisor renewals;
  private final Clock clock;
  private final Poller poller;
  private final AtomicBoolean profileWarned = new AtomicBoolean();

  AcmeIssuer(String name, CertificatesConfig.Acme config, Session session, Accounts accounts, Dns01Solver solver,
      Clock clock, RandomGenerator random) {
    this.name = name;
    this.config = config;
    this.session = session;
    this.accounts = accounts;
    this.authorizations = new Authorizations(name, solver, config.propagationTimeout(), VALIDATION_TIMEOUT, clock);
    this.renewals = new RenewalAdvisor(name, clock, random);
    this.clock = clock;
    this.poller = new Poller(clock);
  }

  /**
   * @param solver publishes the challenge records (self, Cloudflare or RFC 2136 publisher) and
   *     checks them, e.g. {@code Dns01Solver.of(publisher, acme.nameservers())}
   * @param kube needed when {@code accountKey} is a Secret
   * @throws IllegalArgumentException when the config cannot work: no acme section, unknown
   *     {@code acme://} provider, unreadable trust file, a Secret without a cluster
   */
  public static AcmeIssuer create(CertificatesConfig.IssuerConfig cfg, Dns01Solver solver,
      Optional<KubernetesClient> kube, Clock clock) {
    CertificatesConfig.Acme acme = cfg.acme()
        .orElseThrow(() -> new IllegalArgumentException("issuer " + cfg.name() + " has no acme section"));
    Session session;
    try {
      session = AcmeSessions.open(acme.directory(), acme.trust());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("issuer " + cfg.name() + ": " + e.getMessage(), e);
    }
    AccountStore store;
    if (acme.accountKey().file().isPresent()) {
      store = new FileAccountStore(acme.accountKey().file().get());
    } else {
      SecretRef ref = acme.accountKey().secret()
          .orElseThrow(() -> new IllegalArgumentException("issuer " + cfg.name() + ": accountKey needs file or secret"));
      KubernetesClient client = kube.orElseThrow(() -> new IllegalArgumentException("issuer " + cfg.name()
          + ": accountKey.secret " + ref + " needs a Kubernetes connection; use accountKey.file without a cluster"));
      store = new SecretAccountStore(client, ref);
    }
    Accounts accounts = new Accounts(session, acme.directory().trim(), store, acme.email(), acme.eab());
    return new AcmeIssuer(cfg.name(), acme, session, accounts, solver, clock, RandomGenerator.getDefault());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IssuedCertificate issue(CertificateRequest request, KeyPair keyPair, Optional<X509Certificate> replacing)
      throws IssuanceException {
    if (!request.ipAddresses().isEmpty()) {
      throw new IssuanceException("issuer " + name + ": DNS-01 cannot validate IP addresses " + request.ipAddresses()
          + "; issue certificates for IP addresses from the internal CA");
    }
    if (request.dnsNames().isEmpty()) {
      throw new IssuanceException("issuer " + name + ": certificate " + request.name() + " has no DNS names");
    }
    LastResponse.clear();
    Login login = login();
    try {
      return order(login, request, keyPair, replacing);
    } catch (AccountGone gone) {
      accounts.forget(login);
      try {
        return order(login(), request, keyPair, replacing);
      } catch (AccountGone again) {
        throw again.failure;
      }
    }
  }

  /**
   * A moment in the CA's ARI window when the directory offers renewalInfo; empty otherwise, or
   * when the CA cannot be asked (the lifecycle's default timing then applies).
   */
  @Override
  public Optional<Instant> suggestedRenewal(X509Certificate certificate) {
    try {
      if (!hasRenewalInfo()) {
        return Optional.empty();
      }
      return Optional.of(renewals.suggest(accounts.login(), certificate));
    } catch (AcmeException | IOException | RuntimeException e) {
      log.warn("issuer {}: no renewal information for serial {} ({}); using the default renewal time", name,
          SerialNumbers.hex(certificate.getSerialNumber()), e.getMessage());
      return Optional.empty();
    }
  }

  private Login login() throws IssuanceException {
    try {
      return accounts.login();
    } catch (AcmeException | AcmeProtocolException | AcmeLazyLoadingException e) {
      throw AcmeFailures.map(name, "registering the ACME account (key in " + accounts.describe() + ")", e, clock);
    } catch (IOException e) {
      throw new IssuanceException("issuer " + name + ": ACME account key: " + e.getMessage(), e);
    }
  }

  /** The CA no longer knows the account; the order is retried once after registering again. */
  private static final class AccountGone extends Exception {
    final IssuanceException failure;

    AccountGone(IssuanceException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  private IssuedCertificate order(Login login, CertificateRequest request, KeyPair keyPair,
      Optional<X509Certificate> replacing) throws IssuanceException, AccountGone {
    Instant started = clock.instant();
    String step = "creating the order";
    try {
      OrderBuilder builder = login.newOrder().domains(request.dnsNames());
      if (replacing.isPresent() && hasRenewalInfo()) {
        replaces(builder, replacing.get());
      }
      applyProfile(builder);
      log.info("issuer {}: ordering {} for certificate {}", name, request.dnsNames(), request.name());
      Order order = builder.create();

      step = "validating the challenges";
      authorizations.complete(order);

      step = "finalizing the order";
      Status status = poller.await(order, EnumSet.of(Status.READY, Status.VALID, Status.INVALID), VALIDATION_TIMEOUT,
          "the order");
      if (status == Status.INVALID) {
        throw new IssuanceException("issuer " + name + ": the CA marked the order invalid"
            + order.getError().map(p -> ": " + AcmeFailures.describe(p)).orElse(""));
      }
      if (status == Status.READY) {
        order.execute(Csr.der(request, keyPair));
      }
      status = poller.await(order, EnumSet.of(Status.VALID, Status.INVALID), FINALIZE_TIMEOUT, "the order");
      if (status == Status.INVALID) {
        throw new IssuanceException("issuer " + name + ": the CA refused to issue"
            + order.getError().map(p -> ": " + AcmeFailures.describe(p)).orElse(""));
      }

      step = "downloading the certificate";
      IssuedCertificate issued = IssuedChain.checked(name, order.getCertificate().getCertificateChain(), request,
          keyPair);
      log.info("issuer {}: issued certificate {} for {}, serial {}, valid until {} ({} ms)", name, request.name(),
          request.dnsNames(), SerialNumbers.hex(issued.leaf().getSerialNumber()), issued.leaf().getNotAfter().toInstant(),
          Duration.between(started, clock.instant()).toMillis());
      return issued;
    } catch (AcmeException | AcmeProtocolException | AcmeLazyLoadingException e) {
      IssuanceException failure = AcmeFailures.map(name, step, e, clock);
      if (AcmeFailures.isAccountGone(e)) {
        throw new AccountGone(failure);
      }
      throw failure;
    } catch (IOException e) {
      throw new IssuanceException("issuer " + name + ": " + step + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IssuanceException("issuer " + name + ": interrupted while " + step, e);
    }
  }

  private boolean hasRenewalInfo() throws AcmeException {
    return session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
  }

  private void replaces(OrderBuilder builder, X509Certificate old) {
    try {
      builder.replaces(old);
    } catch (AcmeProtocolException e) {
      log.warn("issuer {}: the certificate being renewed (serial {}) has no authority key identifier; ordering "
          + "without ARI \"replaces\"", name, SerialNumbers.hex(old.getSerialNumber()));
    }
  }

  private void applyProfile(OrderBuilder builder) throws AcmeException, IssuanceException {
    if (config.profile().isEmpty()) {
      return;
    }
    String profile = config.profile().get();
    Metadata meta = session.getMetadata();
    if (!meta.isProfileAllowed()) {
      if (profileWarned.compareAndSet(false, true)) {
        log.warn("issuer {}: the ACME directory offers no profiles; ordering without profile \"{}\"", name, profile);
      }
      return;
    }
    if (!meta.isProfileAllowed(profile)) {
      throw new IssuanceException("issuer " + name + ": the CA does not offer profile \"" + profile + "\" (offered: "
          + String.join(", ", meta.getProfiles()) + ")");
    }
    builder.profile(profile);
  }
}
