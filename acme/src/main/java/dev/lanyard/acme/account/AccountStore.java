package dev.lanyard.acme.account;

import java.io.IOException;
import java.net.URL;
import java.security.KeyPair;
import java.util.Optional;

/** Where an ACME account key lives, with the account URLs kept beside it. */
public interface AccountStore {

  /** The stored key and account URLs, or empty when no key is stored yet. */
  Optional<StoredAccount> load() throws IOException;

  /**
   * Stores {@code key} unless a key appeared meanwhile (another replica, another issuer sharing
   * the file); returns what is stored afterwards.
   */
  StoredAccount create(KeyPair key) throws IOException;

  /** Remembers the account URL of the stored key at {@code directory}. */
  void saveAccount(String directory, URL account) throws IOException;

  /** {@code file ./acme-account.pem} or {@code secret ns/name}, for messages. */
  String describe();
}
