package dev.lanyard.certificates.key;

import dev.lanyard.core.cert.PrivateKeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** New key pairs as a certificate request's {@code privateKey} asks for them. */
public final class KeyGeneration {

  private KeyGeneration() {}

  public static KeyPair generate(PrivateKeySpec spec) {
    String problem = PrivateKeySpec.sizeProblem(spec.algorithm(), spec.size());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    try {
      return switch (spec.algorithm()) {
        case ECDSA -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec(switch (spec.size()) {
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> "secp256r1";
          }));
          yield g.generateKeyPair();
        }
        case RSA -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(spec.size());
          yield g.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate " + spec.algorithm() + " keys", e);
    }
  }
}
