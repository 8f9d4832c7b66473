package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pebble requiring external account binding, and reusing every valid authorization (so a second
 * order for the same names needs no challenge at all).
 */
class AcmeIssuerEabPebbleTest {
  static final String KID = "kid-1";
  static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

  @TempDir
  static Path dir;

  static ChallTestSrv caDns;
  static Pebble pebble;

  @BeforeAll
  static void startPebble() throws IOException {
    caDns = ChallTestSrv.start(dir, "challtestsrv");
    pebble = Pebble.start(dir, caDns, new Pebble.Options(Map.of(KID, HMAC), Optional.empty(), 100));
    Files.writeString(dir.resolve("eab.key"), HMAC + "\n");
    Files.writeString(dir.resolve("other.key"), "b10lLJs8l1GPIzsLP0s6pMt8O0XVGnfTaCeROxQM0BIt2XrJMDHJZBM5NuQmQJQH\n");
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
    if (caDns != null) {
      caDns.close();
    }
  }

  private static AcmeIssuer issuer(String accountFile, String eabLine, TxtRecordPublisher publisher) {
    CertificatesConfig.IssuerConfig cfg = IssuerConfigs.acme(dir, "pebble-eab", """
        directory: %s
        trust: %s
        accountKey: {file: %s}
        %s
        nameservers: ["%s"]
        propagationTimeout: 10s
        """.formatted(pebble.directory(), pebble.trustFile(), dir.resolve(accountFile), eabLine, caDns.dns()));
    return AcmeIssuer.create(cfg, Dns01Solver.of(publisher, cfg.acme().orElseThrow().nameservers()), Optional.empty(),
        Clock.systemUTC());
  }

  @Test
  void obtainsAWildcardWithExternalAccountBindingAndReusesValidAuthorizations() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(caDns.publisher());
    AcmeIssuer issuer = issuer("eab-account.pem", "eab: {kid: " + KID + ", hmacKeyFile: " + dir.resolve("eab.key") + "}",
        publisher);

    IssuedCertificate first = issuer.issue(TestKeys.request("eab", "pebble-eab", "*.eab.test", "eab.test"),
        TestKeys.ecP256(), Optional.empty());

    assertThat(TestKeys.dnsNames(first.leaf())).containsExactlyInAnyOrder("*.eab.test", "eab.test");
    assertThat(TestKeys.opensslVerify(dir, first, pebble.rootPem())).contains("leaf.pem: OK");
    assertThat(publisher.adds()).hasSize(2);

    IssuedCertificate renewed = issuer.issue(TestKeys.request("eab", "pebble-eab", "*.eab.test", "eab.test"),
        TestKeys.ecP256(), Optional.of(first.leaf()));

    assertThat(renewed.leaf().getSerialNumber()).isNotEqualTo(first.leaf().getSerialNumber());
    assertThat(publisher.adds()).as("valid authorizations were reused: nothing to publish").hasSize(2);
  }

  @Test
  void withoutBindingTheCaRefusesAndTheMessageSaysWhatToSet() {
    AcmeIssuer issuer = issuer("no-eab-account.pem", "", caDns.publisher());

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("x", "pebble-eab", "x.eab.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("registering the ACME account")
        .hasMessageContaining("urn:ietf:params:acme:error:externalAccountRequired")
        .hasMessageContaining("set acme.eab {kid, hmacKeyFile}");
  }

  @Test
  void aKeyThatDoesNotMatchTheKidIsRefusedWithoutShowingEitherKey() {
    AcmeIssuer issuer = issuer("wrong-eab-account.pem",
        "eab: {kid: " + KID + ", hmacKeyFile: " + dir.resolve("other.key") + "}", caDns.publisher());

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("y", "pebble-eab", "y.eab.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("registering the ACME account")
        .hasMessageContaining("urn:ietf:params:acme:error:unauthorized: external account binding JWS verification error")
        .hasMessageNotContaining(HMAC.substring(0, 12))
        .hasMessageNotContaining("b10lLJs8l1GP");
  }
}
