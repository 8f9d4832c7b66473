package dev.lanyard.sync.provider.rfc2136;

import dev.lanyard.core.config.TsigKeyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/** Builds a dnsjava TSIG signer from the config. The secret is never logged. */
public final class TsigKeys {
  private static final Pattern BIND_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");

  private TsigKeys() {}

  /**
   * Reads the secret file: either the bare base64 secret, or a BIND key file as written by
   * {@code tsig-keygen} ({@code key "name" { algorithm ...; secret "..."; };}).
   *
   * @throws IOException naming the file when it cannot be read or holds no base64 secret
   */
  public static TSIG load(TsigKeyConfig cfg) throws IOException {
    String text;
    try {
      text = Files.readString(cfg.secretFile()).trim();
    } catch (IOException e) {
      throw new IOException("cannot read the TSIG secret file " + cfg.secretFile() + ": " + e.getMessage(), e);
    }
    Matcher m = BIND_SECRET.matcher(text);
    String secret = m.find() ? m.group(1).trim() : text;
    try {
      if (secret.isEmpty() || Base64.getDecoder().decode(secret).length == 0) {
        throw new IOException("the TSIG secret file " + cfg.secretFile() + " is empty");
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the TSIG secret in " + cfg.secretFile() + " is not base64", e);
    }
    String keyName = cfg.name().endsWith(".") ? cfg.name() : cfg.name() + ".";
    try {
      return new TSIG(TSIG.algorithmToName(cfg.algorithm()), Name.fromString(keyName), secret);
    } catch (TextParseException e) {
      throw new IOException("TSIG key name \"" + cfg.name() + "\" is not a DNS name", e);
    } catch (IllegalArgumentException e) {
      throw new IOException("TSIG key " + cfg.name() + ": " + e.getMessage(), e);
    }
  }
}
