package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AcmeIssuer#create} refuses at startup, before any network I/O. */
class AcmeIssuerCreateTest {
  static final TxtRecordPublisher UNUSED = new TxtRecordPublisher() {
    @Override
    public void add(String fqdn, String value) {
      throw new AssertionError();
    }

    @Override
    public void remove(String fqdn, String value) {
      throw new AssertionError();
    }
  };

  @TempDir
  Path dir;

  private AcmeIssuer create(String acmeYaml) {
    CertificatesConfig.IssuerConfig cfg = IssuerConfigs.acme(dir, "le", acmeYaml);
    return AcmeIssuer.create(cfg, Dns01Solver.of(UNUSED, List.of()), Optional.empty(), Clock.systemUTC());
  }

  @Test
  void anAccountKeySecretNeedsACluster() {
    assertThatThrownBy(() -> create("""
        directory: https://acme.example.test/dir
        accountKey: {secret: lanyard/acme-account}
        """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issuer le: accountKey.secret lanyard/acme-account needs a Kubernetes connection; "
            + "use accountKey.file without a cluster");
  }

  @Test
  void anUnknownAcmeProviderIsNamedWithTheIssuer() {
    assertThatThrownBy(() -> create("""
        directory: acme://nobody.example.test
        accountKey: {file: ./acme-account.pem}
        """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("issuer le: ")
        .hasMessageContaining("acme://nobody.example.test");
  }

  @Test
  void creatingTouchesNothing() {
    AcmeIssuer issuer = create("""
        directory: https://acme.example.test/dir
        accountKey: {file: %s}
        """.formatted(dir.resolve("acme-account.pem")));

    assertThat(issuer.name()).isEqualTo("le");
    assertThat(dir.resolve("acme-account.pem")).doesNotExist();
  }
}
