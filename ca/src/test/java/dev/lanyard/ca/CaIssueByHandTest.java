package dev.lanyard.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaIssueByHandTest {
  @TempDir Path dir;

  @Test
  void writesFilesOpensslAndAServerCanUse() throws Exception {
    Path ca = dir.resolve("ca");
    Path out = dir.resolve("out");
    CaInit.run(ca, "Hand CA", KeyKind.ECDSA_P256, true, List.of());

    CaIssueByHand.Result r = CaIssueByHand.run(ca, List.of("*.Example.com", "example.com"), List.of("10.1.2.3"),
        Duration.ofDays(30), out);

    assertThat(r.names()).containsExactly("*.example.com", "example.com", "10.1.2.3");
    assertThat(r.clamped()).isFalse();
    assertThat(r.summary()).contains("*.example.com", r.serialHex(), "fullchain.pem");
    for (String f : CaIssueByHand.FILES) {
      assertThat(out.resolve(f)).exists();
    }
    assertThat(Files.getPosixFilePermissions(out.resolve("privkey.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-untrusted", "chain.pem", "-verify_hostname", "www.example.com",
        "cert.pem")).contains("cert.pem: OK");
    String serial = OpenSsl.ok(out, "x509", "-in", "cert.pem", "-noout", "-serial");
    assertThat(new java.math.BigInteger(serial.trim().substring("serial=".length()), 16)).isEqualTo(r.serial());
    String certPub = OpenSsl.ok(out, "x509", "-in", "cert.pem", "-noout", "-pubkey");
    String keyPub = OpenSsl.ok(out, "pkey", "-in", "privkey.pem", "-pubout");
    assertThat(certPub).isEqualTo(keyPub);
  }

  @Test
  void reportsBadInputBeforeTouchingTheCa() {
    assertThatThrownBy(() -> CaIssueByHand.run(dir, List.of("bad name"), List.of(), Duration.ofDays(1), dir.resolve("o")))
        .isInstanceOf(CaException.class).hasMessageContaining("\"bad name\" is not a valid DNS name");
    assertThatThrownBy(() -> CaIssueByHand.run(dir, List.of(), List.of("300.1.1.1"), Duration.ofDays(1), dir.resolve("o")))
        .isInstanceOf(CaException.class).hasMessageContaining("\"300.1.1.1\" is not a valid IP address");
    assertThatThrownBy(() -> CaIssueByHand.run(dir, List.of(), List.of(), Duration.ofDays(1), dir.resolve("o")))
        .isInstanceOf(CaException.class).hasMessageContaining("--dns");
    assertThatThrownBy(() -> CaIssueByHand.run(dir, List.of("a.example.com"), List.of(), Duration.ofDays(1), dir.resolve("o")))
        .isInstanceOf(CaException.class).hasMessageContaining("lanyard ca init");
  }
}
