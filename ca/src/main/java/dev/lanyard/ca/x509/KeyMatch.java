package dev.lanyard.ca.x509;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private key belongs to a public key (a certificate's), proven by a signature round trip. */
public final class KeyMatch {
  private static final byte[] PROBE = "lanyard key match probe".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (!sameFamily(privateKey.getAlgorithm(), publicKey.getAlgorithm())) {
      return false;
    }
    try {
      String alg = SignatureAlgorithms.forKey(privateKey);
      Signature signer = Signature.getInstance(alg);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance(alg);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameFamily(String a, String b) {
    return family(a).equals(family(b));
  }

  private static String family(String algorithm) {
    return switch (algorithm) {
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      case "ECDSA" -> "EC";
      default -> algorithm;
    };
  }
}
