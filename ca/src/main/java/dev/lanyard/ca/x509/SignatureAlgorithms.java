package dev.lanyard.ca.x509;

import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;

/** The signature algorithm a CA key signs with: SHA-2 sized to the key, or pure EdDSA. */
public final class SignatureAlgorithms {

  private SignatureAlgorithms() {}

  public static String forKey(PrivateKey key) {
    if (key instanceof RSAKey) {
      return "SHA256withRSA";
    }
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
    }
    if (key instanceof EdECKey ed) {
      return ed.getParams().getName();
    }
    throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
  }
}
