package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.net.HostPort;
import dev.lanyard.core.testing.MutableClock;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/** ARI, rate limits and forgotten accounts, against a scripted ACME server (Debian's Pebble has no ARI). */
class AcmeIssuerStubDirectoryTest {
  static final String RATE_LIMITED = "urn:ietf:params:acme:error:rateLimited";
  static final TxtRecordPublisher NO_CHALLENGES = new TxtRecordPublisher() {
    @Override
    public void add(String fqdn, String value) {
      throw new AssertionError("no challenge expected, got " + fqdn);
    }

    @Override
    public void remove(String fqdn, String value) {
      throw new AssertionError("no challenge expected, got " + fqdn);
    }
  };

  @TempDir
  Path dir;

  StubAcmeServer stub;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final MutableClock clock = new MutableClock(now);
  final X509Certificate current = TestCertificates.leaf("ari.example.test", BigInteger.valueOf(0x1234567));

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  private AcmeIssuer issuer(boolean renewalInfo) {
    return issuer(renewalInfo, null, "");
  }

  private AcmeIssuer issuer(boolean renewalInfo, String profiles, String extraYaml) {
    stub = new StubAcmeServer(renewalInfo);
    stub.profiles = profiles;
    CertificatesConfig.IssuerConfig cfg = IssuerConfigs.acme(dir, "stub", """
        directory: %s
        accountKey: {file: %s}
        %s
        """.formatted(stub.directoryUrl(), dir.resolve("account.pem"), extraYaml));
    return AcmeIssuer.create(cfg, Dns01Solver.of(NO_CHALLENGES, List.of(new HostPort("127.0.0.1", 9))),
        Optional.empty(), clock);
  }

  @Test
  void renewalInformationGivesATimeInsideTheWindowAndKeepsIt() {
    AcmeIssuer issuer = issuer(true);
    stub.windowStart = now.plus(Duration.ofDays(20));
    stub.windowEnd = now.plus(Duration.ofDays(22));

    Optional<Instant> first = issuer.suggestedRenewal(current);
    Optional<Instant> again = issuer.suggestedRenewal(current);

    assertThat(first).get().satisfies(t -> assertThat(t).isBetween(stub.windowStart, stub.windowEnd));
    assertThat(again).isEqualTo(first);
    assertThat(stub.renewalInfoRequests).containsExactly(AcmeUtils.getRenewalUniqueIdentifier(current));
  }

  @Test
  void afterRetryAfterTheCaIsAskedAgainAndAMovedWindowGetsANewPick() {
    AcmeIssuer issuer = issuer(true);
    stub.renewalRetryAfter = "60";
    stub.windowStart = now.plus(Duration.ofDays(20));
    stub.windowEnd = now.plus(Duration.ofDays(22));
    Instant first = issuer.suggestedRenewal(current).orElseThrow();

    clock.advance(Duration.ofMinutes(2));
    Instant sameWindow = issuer.suggestedRenewal(current).orElseThrow();
    stub.windowStart = now.plus(Duration.ofHours(1));
    stub.windowEnd = now.plus(Duration.ofHours(2));
    clock.advance(Duration.ofMinutes(2));
    Instant moved = issuer.suggestedRenewal(current).orElseThrow();

    assertThat(stub.renewalInfoRequests).hasSize(3);
    assertThat(sameWindow).isEqualTo(first);
    assertThat(moved).isBetween(stub.windowStart, stub.windowEnd);
  }

  @Test
  void aWindowThatAlreadyClosedMeansRenewNow() {
    AcmeIssuer issuer = issuer(true);
    stub.windowStart = now.minus(Duration.ofDays(2));
    stub.windowEnd = now.minus(Duration.ofDays(1));

    assertThat(issuer.suggestedRenewal(current)).contains(now);
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsIgnored() {
    AcmeIssuer issuer = issuer(true);
    stub.windowStart = now.plus(Duration.ofDays(5));
    stub.windowEnd = now.plus(Duration.ofDays(4));

    assertThat(issuer.suggestedRenewal(current)).isEmpty();
  }

  @Test
  void theRenewalOrderCarriesReplacesAndARateLimitBacksOffByRetryAfter() {
    AcmeIssuer issuer = issuer(true);
    stub.onNewOrder = s -> StubAcmeServer.Reply.problem(429, RATE_LIMITED,
        "too many certificates (5) already issued for this exact set of identifiers", Map.of("Retry-After", "120"));

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("ari", "stub", "ari.example.test"), TestKeys.ecP256(),
        Optional.of(current)))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("creating the order failed: rate limited by the CA: " + RATE_LIMITED
            + ": too many certificates (5) already issued")
        .hasMessageContaining("retry after 120s")
        .satisfies(e -> assertThat(((IssuanceException) e).retryAfter()).contains(Duration.ofSeconds(120)));

    assertThat(stub.newOrders).hasSize(1);
    assertThat(stub.newOrders.get(0).payload().path("replaces").asText())
        .isEqualTo(AcmeUtils.getRenewalUniqueIdentifier(current));
    assertThat(stub.newOrders.get(0).payload().path("identifiers").get(0).path("value").asText())
        .isEqualTo("ari.example.test");
  }

  @Test
  void aBare429WithAnHttpDateStillBacksOff() {
    AcmeIssuer issuer = issuer(true);
    String in300s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(300), ZoneOffset.UTC));
    stub.onNewOrder = s -> new StubAcmeServer.Reply(429, Map.of("Retry-After", in300s), "text/plain", "slow down");

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("bare", "stub", "bare.example.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("rate limited by the CA (HTTP 429); retry after 300s")
        .satisfies(e -> assertThat(((IssuanceException) e).retryAfter()).contains(Duration.ofSeconds(300)));
  }

  @Test
  void anOfferedProfileIsOrdered() {
    AcmeIssuer issuer = issuer(false, "{\"classic\": \"90 days\", \"shortlived\": \"6 days\"}", "profile: shortlived");
    stub.onNewOrder = s -> StubAcmeServer.Reply.problem(429, RATE_LIMITED, "later", Map.of());

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("p", "stub", "p.example.test"), TestKeys.ecP256(),
        Optional.empty())).isInstanceOf(IssuanceException.class);

    assertThat(stub.newOrders.get(0).payload().path("profile").asText()).isEqualTo("shortlived");
  }

  @Test
  void aProfileTheCaDoesNotOfferIsRefusedNamingTheOffered() {
    AcmeIssuer issuer = issuer(false, "{\"classic\": \"90 days\"}", "profile: tlsserver");

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("p", "stub", "p.example.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessage("issuer stub: the CA does not offer profile \"tlsserver\" (offered: classic)");
    assertThat(stub.newOrders).isEmpty();
  }

  @Test
  void aDirectoryWithoutProfilesIsOrderedFromWithoutOne() {
    AcmeIssuer issuer = issuer(false, null, "profile: shortlived");
    stub.onNewOrder = s -> StubAcmeServer.Reply.problem(429, RATE_LIMITED, "later", Map.of());

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("p", "stub", "p.example.test"), TestKeys.ecP256(),
        Optional.empty())).isInstanceOf(IssuanceException.class).hasMessageContaining("rate limited");

    assertThat(stub.newOrders.get(0).payload().has("profile")).isFalse();
  }

  @Test
  void anUnavailableCaIsRetriedWhenItSays() {
    AcmeIssuer issuer = issuer(false);
    stub.onNewOrder = s -> new StubAcmeServer.Reply(503, Map.of("Retry-After", "30"), "text/html", "<h1>maintenance</h1>");

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("down", "stub", "down.example.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessage("issuer stub: creating the order failed: the CA is unavailable (HTTP 503); retry after 30s")
        .satisfies(e -> assertThat(((IssuanceException) e).retryAfter()).contains(Duration.ofSeconds(30)));
  }

  @Test
  void withoutRenewalInfoThereIsNoSuggestionAndNoReplaces() {
    AcmeIssuer issuer = issuer(false);
    stub.onNewOrder = s -> StubAcmeServer.Reply.problem(429, RATE_LIMITED, "later", Map.of());

    assertThat(issuer.suggestedRenewal(current)).isEmpty();
    assertThatThrownBy(() -> issuer.issue(TestKeys.request("plain", "stub", "plain.example.test"), TestKeys.ecP256(),
        Optional.of(current)))
        .isInstanceOf(IssuanceException.class)
        .satisfies(e -> assertThat(((IssuanceException) e).retryAfter()).isEmpty());

    assertThat(stub.newOrders).hasSize(1);
    assertThat(stub.newOrders.get(0).payload().has("replaces")).isFalse();
    assertThat(stub.renewalInfoRequests).isEmpty();
  }

  @Test
  void anAccountTheCaForgotIsRegisteredAgainAndTheOrderRetriedOnce() throws Exception {
    AcmeIssuer issuer = issuer(true);
    stub.onNewOrder = s -> s.kid().orElse("").endsWith("/acct/1")
        ? StubAcmeServer.Reply.problem(400, "urn:ietf:params:acme:error:accountDoesNotExist", "unknown account", Map.of())
        : StubAcmeServer.Reply.problem(429, RATE_LIMITED, "later", Map.of("Retry-After", "60"));

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("again", "stub", "again.example.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("rate limited");

    assertThat(stub.newAccounts).hasValue(2);
    assertThat(stub.newOrders).extracting(s -> s.kid().orElseThrow().replaceAll(".*/", ""))
        .containsExactly("1", "2");
    assertThat(Files.readString(dir.resolve("account.pem.json"))).contains("/acct/2").doesNotContain("/acct/1");
  }
}
