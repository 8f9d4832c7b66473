package dev.lanyard.acme.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcmeSessionsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "acme://letsencrypt.org/staging, https://acme-staging-v02.api.letsencrypt.org/directory",
      "acme://letsencrypt.org, https://acme-v02.api.letsencrypt.org/directory",
      "acme://pebble/127.0.0.1:14000, https://127.0.0.1:14000/dir",
      "https://ca.example.test/acme/dir, https://ca.example.test/acme/dir",
  })
  void acceptsUrlsAndAcme4jProviderUris(String directory, String resolved) {
    var session = AcmeSessions.open(directory, Optional.empty());

    assertThat(session.provider().resolve(session.getServerUri())).hasToString(resolved);
  }

  @Test
  void anUnknownProviderIsNamed() {
    assertThatThrownBy(() -> AcmeSessions.open("acme://nobody.example.test", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme://nobody.example.test");
  }

  @Test
  void aTrustFileWithoutCertificatesIsRefused() throws Exception {
    Path trust = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

    assertThatThrownBy(() -> AcmeSessions.open("https://ca.example.test/dir", Optional.of(trust)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trust file " + trust + " holds no PEM certificate");
  }

  @Test
  void aMissingTrustFileIsRefused() {
    Path trust = dir.resolve("missing.pem");

    assertThatThrownBy(() -> AcmeSessions.open("https://ca.example.test/dir", Optional.of(trust)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read trust file " + trust);
  }
}
