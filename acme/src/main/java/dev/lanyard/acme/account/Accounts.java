package dev.lanyard.acme.account;

import dev.lanyard.core.config.CertificatesConfig;
import java.io.IOException;
import java.net.URL;
import java.util.Optional;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME account of one issuer. The key is created on first use and kept in the store; the
 * account is registered once per directory and its URL kept beside the key, so later starts log in
 * without asking the CA. Thread-safe.
 */
public final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final Session session;
  private final String directory;
  private final AccountStore store;
  private final Optional<String> email;
  private final Optional<CertificatesConfig.Eab> eab;
  private Login login;
  private boolean storedUrlIsStale;

  public Accounts(Session session, String directory, AccountStore store, Optional<String> email,
      Optional<CertificatesConfig.Eab> eab) {
    this.session = session;
    this.directory = directory;
    this.store = store;
    this.email = email;
    this.eab = eab;
  }

  public synchronized Login login() throws AcmeException, IOException {
    if (login != null) {
      return login;
    }
    StoredAccount stored = store.load().orElse(null);
    if (stored == null) {
      stored = store.create(AccountKeys.generate());
      log.info("created a new ACME account key in {}", store.describe());
    }
    Optional<URL> known = storedUrlIsStale ? Optional.empty() : stored.accountAt(directory);
    if (known.isPresent()) {
      login = session.login(known.get(), stored.keyPair());
      return login;
    }
    AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(stored.keyPair());
    email.ifPresent(builder::addEmail);
    if (eab.isPresent()) {
      EabCredentials credentials = EabCredentials.read(eab.get());
      builder.withKeyIdentifier(credentials.kid(), credentials.hmacKey());
    }
    Login fresh = builder.createLogin(session);
    store.saveAccount(directory, fresh.getAccountLocation());
    storedUrlIsStale = false;
    log.info("ACME account {} at {} (key in {}; terms of service: {})", fresh.getAccountLocation(), directory,
        store.describe(), session.getMetadata().getTermsOfService().map(Object::toString).orElse("none published"));
    login = fresh;
    return login;
  }

  /**
   * The CA no longer knows the stored account (a test CA restarted, an account was deactivated):
   * the next {@link #login()} registers the key again and stores the new URL.
   */
  public synchronized void forget(Login stale) {
    if (login == stale) {
      log.warn("the CA does not know ACME account {} any more; registering the key again", stale.getAccountLocation());
      login = null;
      storedUrlIsStale = true;
    }
  }

  public String describe() {
    return store.describe();
  }
}
