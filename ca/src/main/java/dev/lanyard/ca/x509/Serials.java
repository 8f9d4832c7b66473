package dev.lanyard.ca.x509;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Certificate serial numbers: 128 random bits, positive, never zero (CA/B Forum asks for at least 64). */
public final class Serials {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Serials() {}

  public static BigInteger random() {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      RANDOM.nextBytes(bytes);
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }
}
