package dev.lanyard.acme;

import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import java.nio.file.Path;

/** Issuer configs written as a user would write them, through the real config loader. */
final class IssuerConfigs {

  /** The smallest config around an issuer: the zone the self solver would serve, a source. */
  private static final String PREAMBLE = """
      zones:
        - name: example.test
          nameservers: [{name: ns1.example.test, addresses: [127.0.0.1]}]
      sources:
        kubernetes: {enabled: true}
      """;

  private IssuerConfigs() {}

  /** {@code acmeYaml} is the body of {@code acme:}, unindented. */
  static CertificatesConfig.IssuerConfig acme(Path dir, String name, String acmeYaml) {
    StringBuilder yaml = new StringBuilder(PREAMBLE).append("certificates:\n  issuers:\n    - name: ").append(name).append("\n      acme:\n");
    for (String line : acmeYaml.strip().split("\n")) {
      yaml.append("        ").append(line).append('\n');
    }
    try {
      return ConfigLoader.parse(yaml.toString(), dir.resolve("lanyard.yaml"), dir).certificates().issuer(name)
          .orElseThrow();
    } catch (ConfigException e) {
      throw new AssertionError("bad test config:\n" + yaml + "\n" + e.getMessage(), e);
    }
  }
}
