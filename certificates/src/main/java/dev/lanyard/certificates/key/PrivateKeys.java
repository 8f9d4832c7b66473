package dev.lanyard.certificates.key;

import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * Reading stored private keys (PKCS#8, PKCS#1 RSA, SEC1 EC: whatever cert-manager or a user left in a
 * Secret or file) and checking what they are.
 */
public final class PrivateKeys {
  private static final byte[] PROBE = "lanyard key match probe".getBytes(StandardCharsets.US_ASCII);

  private PrivateKeys() {}

  /** The first private key in the PEM text. */
  public static PrivateKey read(String pem) throws GeneralSecurityException {
    return Pem.decodePrivateKey(pem);
  }

  /** Whether the private key belongs to the public key, proven by signing and verifying. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    Optional<String> alg = signatureAlgorithm(privateKey);
    if (alg.isEmpty() || !family(privateKey).equals(family(publicKey))) {
      return false;
    }
    try {
      Signature signer = Signature.getInstance(alg.get());
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance(alg.get());
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The key's type and size in the request's terms: {@code ECDSA 256}, {@code RSA 2048}, {@code Ed25519}. */
  public static Optional<PrivateKeySpec> describe(PublicKey key, PrivateKeySpec.RotationPolicy policy) {
    if (key instanceof RSAKey rsa) {
      return Optional.of(new PrivateKeySpec(KeyAlgorithm.RSA, rsa.getModulus().bitLength(), policy));
    }
    if (key instanceof ECKey ec) {
      return Optional.of(new PrivateKeySpec(KeyAlgorithm.ECDSA, ec.getParams().getCurve().getField().getFieldSize(), policy));
    }
    if (key instanceof EdECKey ed && ed.getParams().getName().equals("Ed25519")) {
      return Optional.of(new PrivateKeySpec(KeyAlgorithm.ED25519, 0, policy));
    }
    return Optional.empty();
  }

  /** Whether a key of this type and size is what the spec asks for (the size is ignored for Ed25519). */
  public static boolean fits(PublicKey key, PrivateKeySpec spec) {
    return describe(key, spec.rotationPolicy())
        .filter(d -> d.algorithm() == spec.algorithm() && (d.algorithm() == KeyAlgorithm.ED25519 || d.size() == spec.size()))
        .isPresent();
  }

  /** For messages: {@code ECDSA 256}, {@code RSA 4096}, {@code ED25519}. */
  public static String label(PrivateKeySpec spec) {
    return spec.algorithm() == KeyAlgorithm.ED25519 ? "ED25519" : spec.algorithm() + " " + spec.size();
  }

  private static Optional<String> signatureAlgorithm(PrivateKey key) {
    if (key instanceof RSAKey) {
      return Optional.of("SHA256withRSA");
    }
    if (key instanceof ECKey) {
      return Optional.of("SHA256withECDSA");
    }
    if (key instanceof EdECKey ed) {
      return Optional.of(ed.getParams().getName());
    }
    return Optional.empty();
  }

  private static String family(java.security.Key key) {
    return switch (key.getAlgorithm()) {
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      case "ECDSA" -> "EC";
      default -> key.getAlgorithm();
    };
  }
}
