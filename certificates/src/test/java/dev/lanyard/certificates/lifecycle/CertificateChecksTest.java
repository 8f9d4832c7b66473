package dev.lanyard.certificates.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.certificates.Requests;
import dev.lanyard.certificates.TestCa;
import dev.lanyard.core.testing.MutableClock;
import dev.lanyard.certificates.key.KeyGeneration;
import dev.lanyard.certificates.store.StoredCertificate;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.PrivateKeySpec;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateChecksTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private final TestCa ca = new TestCa("internal", clock);
  private final CertificateRequest request = Requests.request("web", "internal", List.of("*.example.test", "example.test"), List.of());

  private StoredCertificate stored(CertificateRequest r, Optional<String> issuer) throws Exception {
    KeyPair key = KeyGeneration.generate(r.privateKey());
    IssuedCertificate issued = ca.issue(r, key, Optional.empty());
    return new StoredCertificate(issued.chain(), key.getPrivate(), issued.caCertificate(), issuer);
  }

  @Test
  void aMatchingCertificateHasNoProblems() throws Exception {
    StoredCertificate s = stored(request, Optional.of("internal"));
    assertThat(CertificateChecks.storedProblems(s, request, "internal", NOW)).isEmpty();
    CertificateRequest reordered = Requests.withNames(request, List.of("EXAMPLE.test", "*.example.test"));
    assertThat(CertificateChecks.storedProblems(s, reordered, "internal", NOW)).as("order and case do not matter").isEmpty();
  }

  enum Mismatch { NAMES, ISSUER, UNKNOWN_ISSUER, KEY, KEY_TYPE, EXPIRED, COMMON_NAME }

  @ParameterizedTest
  @EnumSource(Mismatch.class)
  void eachMismatchIsNamed(Mismatch m) throws Exception {
    StoredCertificate s = stored(request, Optional.of("internal"));
    CertificateRequest wanted = request;
    String issuer = "internal";
    Instant now = NOW;
    String expected;
    switch (m) {
      case NAMES -> {
        wanted = Requests.withNames(request, List.of("*.example.test", "example.test", "extra.example.test"));
        expected = "the request wants [*.example.test, example.test, extra.example.test]";
      }
      case ISSUER -> {
        issuer = "letsencrypt";
        expected = "made by issuer internal, the request names letsencrypt";
      }
      case UNKNOWN_ISSUER -> {
        s = new StoredCertificate(s.chain(), s.key(), s.ca(), Optional.empty());
        expected = "no record of the issuer";
      }
      case KEY -> {
        s = new StoredCertificate(s.chain(), KeyGeneration.generate(PrivateKeySpec.DEFAULT).getPrivate(), s.ca(), s.issuerName());
        expected = "the private key does not belong to the certificate";
      }
      case KEY_TYPE -> {
        wanted = Requests.withKey(request, new PrivateKeySpec(KeyAlgorithm.RSA, 2048, PrivateKeySpec.RotationPolicy.ALWAYS));
        expected = "its key is ECDSA 256, the request wants RSA 2048";
      }
      case EXPIRED -> {
        now = NOW.plus(Duration.ofDays(91));
        expected = "it expired at";
      }
      default -> {
        wanted = new CertificateRequest("web", "internal", request.dnsNames(), List.of(), Optional.of("example.test"),
            request.duration(), Optional.empty(), PrivateKeySpec.DEFAULT, List.of(), "config");
        expected = "its common name is *.example.test, the request wants example.test";
      }
    }
    List<String> problems = CertificateChecks.storedProblems(s, wanted, issuer, now);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "NORMAL,        ''",
      "WRONG_KEY,     the private key does not belong to the certificate",
      "WRONG_NAMES,   'it names [*.example.test, example.test, intruder.example.org]'",
      "BROKEN_CHAIN,  its chain does not verify"})
  void issuedCertificatesAreCheckedBeforeUse(TestCa.Behaviour behaviour, String expected) throws Exception {
    ca.behaviour = behaviour;
    KeyPair key = KeyGeneration.generate(PrivateKeySpec.DEFAULT);
    IssuedCertificate issued = ca.issue(request, key, Optional.empty());
    List<String> problems = CertificateChecks.issuedProblems(issued, key.getPrivate(), request, NOW);
    if (expected.isEmpty()) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).singleElement().asString().contains(expected);
    }
  }

  @Test
  void anIssuedCertificateFromTheFutureOrThePastIsRefused() throws Exception {
    KeyPair key = KeyGeneration.generate(PrivateKeySpec.DEFAULT);
    IssuedCertificate issued = ca.issue(request, key, Optional.empty());
    assertThat(CertificateChecks.issuedProblems(issued, key.getPrivate(), request, NOW.minus(Duration.ofHours(1))))
        .singleElement().asString().contains("not valid before");
    assertThat(CertificateChecks.issuedProblems(issued, key.getPrivate(), request, NOW.plus(Duration.ofDays(100))))
        .singleElement().asString().contains("already expired");
  }
}
