package dev.lanyard.certificates.store;

/** What reading a store found. */
public sealed interface StoreContent {

  /** Nothing there yet. */
  record Empty() implements StoreContent {}

  /** A certificate with its key. */
  record Holds(StoredCertificate certificate) implements StoreContent {}

  /** Something is there, but not a usable certificate and key; it will be overwritten. */
  record Invalid(String reason) implements StoreContent {}
}
