package dev.lanyard.core.cert;

/**
 * The key a certificate is issued for.
 *
 * @param size RSA modulus bits (2048..8192) or ECDSA curve size (256, 384, 521); ignored for Ed25519
 * @param rotationPolicy {@code ALWAYS}: a new key on each issuance; {@code NEVER}: reuse the stored key
 */
public record PrivateKeySpec(KeyAlgorithm algorithm, int size, RotationPolicy rotationPolicy) {

  public enum RotationPolicy {
    ALWAYS,
    NEVER
  }

  public static final PrivateKeySpec DEFAULT = new PrivateKeySpec(KeyAlgorithm.ECDSA, 256, RotationPolicy.ALWAYS);

  /** The problem with the size for this algorithm, or null when it is fine. */
  public static String sizeProblem(KeyAlgorithm algorithm, int size) {
    return switch (algorithm) {
      case RSA -> size < 2048 || size > 8192 ? "RSA key size must be 2048..8192, not " + size : null;
      case ECDSA -> size == 256 || size == 384 || size == 521 ? null : "ECDSA key size must be 256, 384 or 521, not " + size;
      case ED25519 -> null;
    };
  }
}
