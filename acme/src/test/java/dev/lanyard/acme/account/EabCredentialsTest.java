package dev.lanyard.acme.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.config.CertificatesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EabCredentialsTest {
  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 37 + 250);
    }
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "base64url without padding, URL",
      "standard base64 with padding, STD",
      "with a trailing newline, URL_NEWLINE",
  })
  void readsTheHmacKeyAsTheCaPrintsIt(String label, String encoding) throws IOException {
    String text = switch (encoding) {
      case "URL" -> Base64.getUrlEncoder().withoutPadding().encodeToString(KEY);
      case "STD" -> Base64.getEncoder().encodeToString(KEY);
      default -> Base64.getUrlEncoder().withoutPadding().encodeToString(KEY) + "\n";
    };
    Path file = Files.writeString(dir.resolve("eab.key"), text);

    EabCredentials eab = EabCredentials.read(new CertificatesConfig.Eab("kid-1", file));

    assertThat(eab.kid()).isEqualTo("kid-1");
    assertThat(eab.hmacKey().getEncoded()).isEqualTo(KEY);
    assertThat(eab.toString()).isEqualTo("EabCredentials[kid=kid-1]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not base64        | this is not base64!      | does not hold a base64url HMAC key",
      "too short         | c2hvcnQ                  | holds a key of 5 bytes",
  })
  void aBadKeyFileIsNamedWithoutQuotingIt(String label, String content, String message) throws IOException {
    Path file = Files.writeString(dir.resolve("eab.key"), content);

    assertThatThrownBy(() -> EabCredentials.read(new CertificatesConfig.Eab("kid-1", file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("eab.hmacKeyFile " + file)
        .hasMessageContaining(message)
        .hasMessageNotContaining(content);
  }
}
