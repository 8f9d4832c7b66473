package dev.lanyard.core.cert;

import java.util.Locale;
import java.util.Optional;

public enum KeyAlgorithm {
  ECDSA,
  RSA,
  ED25519;

  /** Accepts cert-manager's spellings: {@code RSA}, {@code ECDSA}, {@code Ed25519}. */
  public static Optional<KeyAlgorithm> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "ECDSA", "EC" -> Optional.of(ECDSA);
      case "RSA" -> Optional.of(RSA);
      case "ED25519" -> Optional.of(ED25519);
      default -> Optional.empty();
    };
  }
}
