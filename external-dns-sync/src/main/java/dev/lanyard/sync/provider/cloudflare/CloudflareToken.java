package dev.lanyard.sync.provider.cloudflare;

import dev.lanyard.core.config.SyncConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads the API token: {@code apiTokenFile} first, else the environment variable {@code apiTokenEnv}. */
public final class CloudflareToken {

  private CloudflareToken() {}

  /**
   * The token, trimmed. The environment value may itself be {@code file:/path}, as external-dns
   * accepts for {@code CF_API_TOKEN}.
   *
   * @throws IllegalArgumentException naming the provider and where a token was looked for
   */
  public static String load(String provider, SyncConfig.Cloudflare cfg, Function<String, String> env) {
    if (cfg.apiTokenFile().isPresent()) {
      return read(provider, cfg.apiTokenFile().get(), "cloudflare.apiTokenFile");
    }
    String value = env.apply(cfg.apiTokenEnv());
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("cloudflare provider \"" + provider + "\": no API token: set"
          + " cloudflare.apiTokenFile, or the environment variable " + cfg.apiTokenEnv());
    }
    if (value.startsWith("file:")) {
      return read(provider, Path.of(value.substring("file:".length()).trim()), "$" + cfg.apiTokenEnv());
    }
    return checked(provider, value.trim(), "$" + cfg.apiTokenEnv());
  }

  /** An HTTP header cannot carry line breaks or control characters; say so instead of failing every request. */
  private static String checked(String provider, String token, String setting) {
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("cloudflare provider \"" + provider + "\": the API token in " + setting
          + " contains spaces, line breaks or other characters a token never has; copy it again");
    }
    return token;
  }

  private static String read(String provider, Path file, String setting) {
    String token;
    try {
      token = Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("cloudflare provider \"" + provider + "\": cannot read the API token file "
          + file + " (" + setting + "): " + e.getMessage(), e);
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("cloudflare provider \"" + provider + "\": the API token file " + file
          + " (" + setting + ") is empty");
    }
    return checked(provider, token, file.toString());
  }
}
