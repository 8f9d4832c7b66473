package dev.lanyard.acme.account;

import java.net.URL;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;

/**
 * An account key with the account URL it has at each ACME directory it was registered with.
 * {@link #toString()} shows no key material.
 */
public record StoredAccount(KeyPair keyPair, Map<String, URL> accounts) {

  public StoredAccount {
    accounts = Map.copyOf(accounts);
  }

  public Optional<URL> accountAt(String directory) {
    return Optional.ofNullable(accounts.get(directory));
  }

  @Override
  public String toString() {
    return "StoredAccount[" + keyPair.getPrivate().getAlgorithm() + " key, accounts=" + accounts + "]";
  }
}
