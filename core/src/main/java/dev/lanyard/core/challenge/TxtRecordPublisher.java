package dev.lanyard.core.challenge;

import java.io.IOException;

/**
 * Publishes ACME DNS-01 TXT values somewhere an ACME server will look: Lanyard's own DNS server
 * (the "self" solver), Cloudflare, or an RFC 2136 server. Several values may live at one name.
 */
public interface TxtRecordPublisher {

  /** Adds {@code value} at {@code fqdn} (normalized, no trailing dot), keeping other values there. */
  void add(String fqdn, String value) throws IOException;

  /** Removes exactly {@code value} at {@code fqdn}; removing what is not there is not an error. */
  void remove(String fqdn, String value) throws IOException;
}
