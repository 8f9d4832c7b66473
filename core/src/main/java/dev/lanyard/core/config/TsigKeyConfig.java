package dev.lanyard.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A TSIG key: its name, algorithm and a file holding the base64 secret. */
public record TsigKeyConfig(String name, String algorithm, Path secretFile) {

  public static final List<String> ALGORITHMS =
      List.of("hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1", "hmac-md5");

  static TsigKeyConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("name", "algorithm", "secretFile");
    String name = n.requiredString("name");
    String algorithm = n.string("algorithm", "hmac-sha256").toLowerCase(Locale.ROOT);
    if (!ALGORITHMS.contains(algorithm)) {
      n.get("algorithm").problem("\"" + algorithm + "\" is not one of " + ALGORITHMS);
    }
    Path file = n.optPath("secretFile").orElse(null);
    if (file == null) {
      n.get("secretFile").problem("is required");
    } else if (!Files.isReadable(file)) {
      n.get("secretFile").problem("cannot read " + file);
    }
    return new TsigKeyConfig(name, algorithm, file);
  }
}
