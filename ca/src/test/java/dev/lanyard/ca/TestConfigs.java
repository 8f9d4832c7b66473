package dev.lanyard.ca;

import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.testing.Fixtures;

/** Issuer entries parsed from YAML the way users write them, so tests follow the config contract. */
public final class TestConfigs {

  private TestConfigs() {}

  /** @param ca the flow-style body of {@code ca:}, e.g. {@code {dir: /tmp/ca, duration: 168h}} */
  public static CertificatesConfig.IssuerConfig caIssuer(String name, String ca) {
    return Fixtures.baseConfig("certificates:\n  issuers:\n    - {name: " + name + ", ca: " + ca + "}\n")
        .certificates().issuer(name).orElseThrow();
  }
}
