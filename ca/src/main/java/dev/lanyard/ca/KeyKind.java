package dev.lanyard.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The key types {@code lanyard ca init --key} offers for CA keys. */
public enum KeyKind {
  ECDSA_P256("ecdsa-p256"),
  ECDSA_P384("ecdsa-p384"),
  RSA_2048("rsa-2048"),
  RSA_4096("rsa-4096"),
  ED25519("ed25519");

  private final String id;

  KeyKind(String id) {
    this.id = id;
  }

  /** The spelling used on the command line, e.g. {@code ecdsa-p256}. */
  public String id() {
    return id;
  }

  public static Optional<KeyKind> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.id.equals(s)).findFirst();
  }

  /** All spellings, for help texts and error messages. */
  public static String choices() {
    return Arrays.stream(values()).map(KeyKind::id).collect(Collectors.joining(", "));
  }

  public KeyPair generate() {
    try {
      return switch (this) {
        case ECDSA_P256 -> ec("secp256r1");
        case ECDSA_P384 -> ec("secp384r1");
        case RSA_2048 -> rsa(2048);
        case RSA_4096 -> rsa(4096);
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate " + id + " keys", e);
    }
  }

  private static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  @Override
  public String toString() {
    return id;
  }
}
