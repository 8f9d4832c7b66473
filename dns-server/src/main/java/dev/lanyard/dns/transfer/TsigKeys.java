package dev.lanyard.dns.transfer;

import dev.lanyard.core.config.TsigKeyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/** The TSIG keys (RFC 8945) that may sign transfers, read from their secret files at start. */
public final class TsigKeys {
  private final Map<Name, TSIG> keys;

  private TsigKeys(Map<Name, TSIG> keys) {
    this.keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  public static TsigKeys none() {
    return new TsigKeys(Map.of());
  }

  /**
   * Loads every key. Throws {@link IllegalArgumentException} naming the key and file when a secret
   * cannot be read or is not base64; the secret itself is never part of a message.
   */
  public static TsigKeys load(List<TsigKeyConfig> configs) {
    Map<Name, TSIG> keys = new LinkedHashMap<>();
    for (TsigKeyConfig c : configs) {
      Name name;
      try {
        name = Name.fromString(c.name().endsWith(".") ? c.name() : c.name() + ".");
      } catch (TextParseException e) {
        throw new IllegalArgumentException("TSIG key name \"" + c.name() + "\" is not a DNS name");
      }
      String secret;
      try {
        secret = Files.readString(c.secretFile(), StandardCharsets.US_ASCII).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the secret of TSIG key " + c.name() + " from "
            + c.secretFile() + ": " + e.getMessage());
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(secret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the secret of TSIG key " + c.name() + " in " + c.secretFile()
            + " is not base64");
      }
      if (bytes.length == 0) {
        throw new IllegalArgumentException("the secret of TSIG key " + c.name() + " in " + c.secretFile() + " is empty");
      }
      Name algorithm = TSIG.algorithmToName(c.algorithm());
      keys.put(name, new TSIG(algorithm, name, bytes));
    }
    return new TsigKeys(keys);
  }

  /** The key with this name, or null. */
  public TSIG get(Name name) {
    return keys.get(name);
  }

  /** The first configured key, which signs outgoing NOTIFY; null when there is none. */
  public TSIG first() {
    return keys.values().stream().findFirst().orElse(null);
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }
}
