package dev.lanyard.core.cert;

import java.math.BigInteger;

/** Certificate serial numbers as openssl prints them ({@code openssl x509 -serial}): hex, whole bytes. */
public final class SerialNumbers {
  private SerialNumbers() {}

  public static String hex(BigInteger serial) {
    String hex = serial.toString(16);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }
}
