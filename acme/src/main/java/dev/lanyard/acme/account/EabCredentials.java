package dev.lanyard.acme.account;

import dev.lanyard.core.config.CertificatesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * External account binding: the key id and the HMAC key the CA handed out (base64url, as Let's
 * Encrypt, ZeroSSL, Google and Pebble print it; standard base64 is accepted too).
 * {@link #toString()} hides the key.
 */
public record EabCredentials(String kid, SecretKey hmacKey) {

  public static EabCredentials read(CertificatesConfig.Eab eab) throws IOException {
    String text = Files.readString(eab.hmacKeyFile(), StandardCharsets.US_ASCII).strip();
    String urlSafe = text.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(urlSafe);
    } catch (IllegalArgumentException e) {
      throw new IOException("eab.hmacKeyFile " + eab.hmacKeyFile() + " does not hold a base64url HMAC key");
    }
    if (key.length < 16) {
      throw new IOException("eab.hmacKeyFile " + eab.hmacKeyFile() + " holds a key of " + key.length
          + " bytes; the CA's HMAC keys are at least 16 bytes (is it the right file?)");
    }
    return new EabCredentials(eab.kid(), new SecretKeySpec(key, "HMAC"));
  }

  @Override
  public String toString() {
    return "EabCredentials[kid=" + kid + "]";
  }
}
