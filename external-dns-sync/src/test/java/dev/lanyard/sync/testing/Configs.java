package dev.lanyard.sync.testing;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lanyard configs for sync tests: one zone, a public and a LAN view, and the given {@code sync:} section. */
public final class Configs {
  private Configs() {}

  /**
   * @param syncYaml the {@code sync:} section, indented by two spaces per level below {@code sync:}
   */
  public static LanyardConfig withSync(Path dir, String syncYaml) throws IOException, ConfigException {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    String yaml = """
        zones:
          - name: example.com
            nameservers: [{name: ns1.example.net}]
        sources:
          manifests: {paths: [%s]}
        views:
          - {name: public, public: true, clients: ["0.0.0.0/0"]}
          - {name: lan}
        sync:
        %s
        """.formatted(manifests, syncYaml.indent(2).stripTrailing());
    Path file = dir.resolve("lanyard.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.parse(yaml, file, dir);
  }

  /** A {@code sync:} section with one Cloudflare provider pointed at {@code baseUrl}, reading its token from a file. */
  public static String cloudflare(Path dir, String baseUrl, String token, String extra) throws IOException {
    Path tokenFile = Files.writeString(dir.resolve("cf-token"), token + "\n");
    return """
        owner: homelab
        debounce: 200ms
        interval: 10m
        %s
        providers:
          - name: cf
            type: cloudflare
            zones: [example.com]
            cloudflare: {apiTokenFile: %s, baseUrl: "%s"}
        """.formatted(extra, tokenFile, baseUrl);
  }
}
