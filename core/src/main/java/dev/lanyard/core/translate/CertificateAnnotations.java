package dev.lanyard.core.translate;

import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.config.Durations;
import dev.lanyard.core.inventory.ObjectRef;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Parses the cert-manager fields shared by Gateway annotations and Certificate resources. */
final class CertificateAnnotations {
  private CertificateAnnotations() {}

  static Optional<Duration> duration(String raw, String what, ObjectRef ref, Problems problems) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(raw);
    if (d.isEmpty()) {
      problems.warn(ref, what + " \"" + raw + "\" is not a duration; ignored");
    }
    return d;
  }

  /**
   * The key of a Certificate resource or gateway-shim Gateway, with cert-manager's defaults: RSA when no
   * algorithm is given (2048 bits, or 256 for ECDSA, when no size is), so a certificate cert-manager left in
   * the Secret still fits and is kept rather than re-issued.
   */
  static PrivateKeySpec privateKey(String algorithm, Integer size, String rotation, ObjectRef ref, Problems problems) {
    KeyAlgorithm alg = KeyAlgorithm.RSA;
    if (algorithm != null && !algorithm.isBlank()) {
      Optional<KeyAlgorithm> parsed = KeyAlgorithm.parse(algorithm);
      if (parsed.isEmpty()) {
        problems.warn(ref, "private key algorithm \"" + algorithm + "\" is not RSA, ECDSA or Ed25519; using RSA");
      } else {
        alg = parsed.get();
      }
    }
    int bits = size != null ? size : alg == KeyAlgorithm.RSA ? 2048 : 256;
    String sizeProblem = PrivateKeySpec.sizeProblem(alg, bits);
    if (sizeProblem != null) {
      problems.warn(ref, sizeProblem + "; using the default size");
      bits = alg == KeyAlgorithm.RSA ? 2048 : 256;
    }
    PrivateKeySpec.RotationPolicy policy = PrivateKeySpec.RotationPolicy.ALWAYS;
    if (rotation != null && !rotation.isBlank()) {
      switch (rotation.toLowerCase(Locale.ROOT)) {
        case "always" -> policy = PrivateKeySpec.RotationPolicy.ALWAYS;
        case "never" -> policy = PrivateKeySpec.RotationPolicy.NEVER;
        default -> problems.warn(ref, "rotation policy \"" + rotation + "\" is not Always or Never; using Always");
      }
    }
    return new PrivateKeySpec(alg, bits, policy);
  }

  static Integer size(String raw, ObjectRef ref, Problems problems) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      problems.warn(ref, "private key size \"" + raw + "\" is not a number; using the default");
      return null;
    }
  }
}
