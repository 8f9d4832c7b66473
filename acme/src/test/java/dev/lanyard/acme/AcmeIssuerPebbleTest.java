package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanyard.acme.account.SecretAccountStore;
import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.net.HostPort;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The issuer against a real ACME CA: Debian's Pebble, validating DNS-01 from pebble-challtestsrv. */
@EnableKubernetesMockClient(crud = true)
class AcmeIssuerPebbleTest {
  static KubernetesClient kube;

  @TempDir
  static Path dir;

  static ChallTestSrv caDns;
  static Pebble pebble;

  @BeforeAll
  static void startPebble() throws IOException {
    caDns = ChallTestSrv.start(dir, "challtestsrv");
    pebble = Pebble.start(dir, caDns, Pebble.Options.defaults());
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

  private static CertificatesConfig.IssuerConfig config(String name, String accountKey, HostPort nameserver,
      String propagationTimeout) {
    return IssuerConfigs.acme(dir, name, """
        directory: %s
        email: ops@example.test
        trust: %s
        accountKey: %s
        nameservers: ["%s"]
        propagationTimeout: %s
        """.formatted(pebble.directory(), pebble.trustFile(), accountKey, nameserver, propagationTimeout));
  }

  private static AcmeIssuer issuer(CertificatesConfig.IssuerConfig cfg, TxtRecordPublisher publisher) {
    Dns01Solver solver = Dns01Solver.of(publisher, cfg.acme().orElseThrow().nameservers());
    return AcmeIssuer.create(cfg, solver, Optional.of(kube), Clock.systemUTC());
  }

  private static String keyFile(String name) {
    return "{file: " + dir.resolve(name) + "}";
  }

  @Test
  void obtainsWildcardAndApexWithTwoValuesAtOneNameAndOpensslVerifiesTheChain() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(caDns.publisher());
    AcmeIssuer issuer = issuer(config("pebble", keyFile("wildcard-account.pem"), caDns.dns(), "10s"), publisher);
    KeyPair key = TestKeys.ecP256();

    IssuedCertificate issued = issuer.issue(
        TestKeys.request("wildcard", "pebble", "*.example.test", "example.test"), key, Optional.empty());

    assertThat(TestKeys.dnsNames(issued.leaf())).containsExactlyInAnyOrder("*.example.test", "example.test");
    assertThat(issued.leaf().getPublicKey()).isEqualTo(key.getPublic());
    assertThat(issued.chain()).hasSizeGreaterThan(1);
    assertThat(TestKeys.opensslVerify(dir, issued, pebble.rootPem())).contains("leaf.pem: OK");

    assertThat(publisher.adds()).extracting(RecordingPublisher.Call::name)
        .containsExactly("_acme-challenge.example.test", "_acme-challenge.example.test");
    assertThat(publisher.adds()).extracting(RecordingPublisher.Call::value).doesNotHaveDuplicates();
    assertThat(publisher.removes()).containsExactlyInAnyOrderElementsOf(publisher.adds().stream()
        .map(c -> new RecordingPublisher.Call("remove", c.name(), c.value())).toList());
    assertThat(caDns.txtQueries("_acme-challenge.example.test")).as("Pebble and the propagation check asked").isPositive();
    assertThat(caDns.txt("_acme-challenge.example.test")).as("records removed after issuance").isEmpty();
  }

  @Test
  void reusesTheAccountKeyFileAcrossIssuersWithoutASecondAccount() throws Exception {
    CertificatesConfig.IssuerConfig cfg = config("pebble", keyFile("shared-account.pem"), caDns.dns(), "10s");
    Path keyFile = dir.resolve("shared-account.pem");
    Path accounts = dir.resolve("shared-account.pem.json");
    int registrationsBefore = count(pebble.log(), "POST /sign-me-up");

    issuer(cfg, caDns.publisher()).issue(TestKeys.request("a", "pebble", "a.shared.test"), TestKeys.ecP256(),
        Optional.empty());
    byte[] keyAfterFirst = Files.readAllBytes(keyFile);
    String accountsAfterFirst = Files.readString(accounts);
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(accountsAfterFirst).contains(pebble.directory()).contains("/my-account/");
    assertThat(count(pebble.log(), "POST /sign-me-up")).isEqualTo(registrationsBefore + 1);

    IssuedCertificate second = issuer(cfg, caDns.publisher()).issue(TestKeys.request("b", "pebble", "b.shared.test"),
        TestKeys.ecP256(), Optional.empty());

    assertThat(TestKeys.dnsNames(second.leaf())).containsExactly("b.shared.test");
    assertThat(Files.readAllBytes(keyFile)).isEqualTo(keyAfterFirst);
    assertThat(Files.readString(accounts)).isEqualTo(accountsAfterFirst);
    assertThat(count(pebble.log(), "POST /sign-me-up")).as("no second newAccount").isEqualTo(registrationsBefore + 1);
  }

  @Test
  void keepsTheAccountKeyInASecret() throws Exception {
    CertificatesConfig.IssuerConfig cfg = config("pebble", "{secret: lanyard/acme-account}", caDns.dns(), "10s");

    issuer(cfg, caDns.publisher()).issue(TestKeys.request("s1", "pebble", "secret.example.test"), TestKeys.ecP256(),
        Optional.empty());
    Secret secret = kube.secrets().inNamespace("lanyard").withName("acme-account").get();
    assertThat(secret.getData()).containsKeys(SecretAccountStore.KEY, SecretAccountStore.ACCOUNTS);
    assertThat(decode(secret, SecretAccountStore.KEY)).startsWith("-----BEGIN PRIVATE KEY-----");
    String accountUrls = decode(secret, SecretAccountStore.ACCOUNTS);
    int registrations = count(pebble.log(), "POST /sign-me-up");

    issuer(cfg, caDns.publisher()).issue(TestKeys.request("s2", "pebble", "secret2.example.test"), TestKeys.ecP256(),
        Optional.empty());

    Secret after = kube.secrets().inNamespace("lanyard").withName("acme-account").get();
    assertThat(decode(after, SecretAccountStore.KEY)).isEqualTo(decode(secret, SecretAccountStore.KEY));
    assertThat(decode(after, SecretAccountStore.ACCOUNTS)).isEqualTo(accountUrls);
    assertThat(count(pebble.log(), "POST /sign-me-up")).isEqualTo(registrations);
  }

  @Test
  void invalidChallengeCarriesPebblesProblemAndCleansUp() throws Exception {
    // The nameserver Lanyard checks has the right value; the one the CA asks has a wrong one
    // (a stale secondary): propagation passes, validation fails at the CA.
    try (ChallTestSrv checked = ChallTestSrv.start(Files.createDirectories(dir.resolve("checked")), "checked-dns")) {
      TxtRecordPublisher splitBrain = new TxtRecordPublisher() {
        @Override
        public void add(String fqdn, String value) throws IOException {
          checked.addTxt(fqdn, value);
          caDns.addTxt(fqdn, "wrong-" + value);
        }

        @Override
        public void remove(String fqdn, String value) throws IOException {
          checked.removeTxt(fqdn, value);
          caDns.removeTxt(fqdn, "wrong-" + value);
        }
      };
      AcmeIssuer issuer = issuer(config("pebble", keyFile("invalid-account.pem"), checked.dns(), "10s"), splitBrain);

      assertThatThrownBy(() -> issuer.issue(TestKeys.request("bad", "pebble", "bad.example.test"), TestKeys.ecP256(),
          Optional.empty()))
          .isInstanceOf(IssuanceException.class)
          .hasMessageContaining("issuer pebble")
          .hasMessageContaining("bad.example.test")
          .hasMessageContaining("urn:ietf:params:acme:error:unauthorized")
          .hasMessageContaining("Correct value not found for DNS challenge")
          .satisfies(e -> assertThat(((IssuanceException) e).retryAfter()).isEmpty());

      assertThat(caDns.txt("_acme-challenge.bad.example.test")).isEmpty();
      assertThat(checked.txt("_acme-challenge.bad.example.test")).isEmpty();
    }
  }

  @Test
  void propagationTimeoutFailsBeforeTheCaIsAskedAndCleansUp() throws Exception {
    // Records go to the CA's DNS, but the configured nameserver never sees them.
    try (ChallTestSrv elsewhere = ChallTestSrv.start(Files.createDirectories(dir.resolve("elsewhere")), "elsewhere-dns")) {
      AcmeIssuer issuer = issuer(config("pebble", keyFile("timeout-account.pem"), elsewhere.dns(), "1s"),
          caDns.publisher());

      assertThatThrownBy(() -> issuer.issue(TestKeys.request("slow", "pebble", "slow.example.test"), TestKeys.ecP256(),
          Optional.empty()))
          .isInstanceOf(IssuanceException.class)
          .hasMessageContaining("not visible on every authoritative nameserver after 1s")
          .hasMessageContaining("_acme-challenge.slow.example.test at " + elsewhere.dns())
          .hasMessageContaining("no TXT record yet");

      assertThat(caDns.txtQueries("_acme-challenge.slow.example.test")).as("the CA never validated").isZero();
      assertThat(caDns.txt("_acme-challenge.slow.example.test")).isEmpty();
    }
  }

  @Test
  void followsACnameDelegationOfTheChallengeName() throws Exception {
    caDns.setCname("_acme-challenge.alias.test", "_acme-challenge.alias.delegated.test");
    RecordingPublisher publisher = new RecordingPublisher(caDns.publisher());
    AcmeIssuer issuer = issuer(config("pebble", keyFile("cname-account.pem"), caDns.dns(), "10s"), publisher);

    IssuedCertificate issued = issuer.issue(TestKeys.request("alias", "pebble", "alias.test"), TestKeys.ecP256(),
        Optional.empty());

    assertThat(TestKeys.dnsNames(issued.leaf())).containsExactly("alias.test");
    assertThat(publisher.adds()).extracting(RecordingPublisher.Call::name)
        .containsExactly("_acme-challenge.alias.delegated.test");
    assertThat(caDns.txt("_acme-challenge.alias.delegated.test")).isEmpty();
  }

  @Test
  void anAcmeServerWithoutTheTrustFileIsRefusedWithAClearMessage() {
    CertificatesConfig.IssuerConfig cfg = IssuerConfigs.acme(dir, "untrusted", """
        directory: %s
        accountKey: {file: %s}
        nameservers: ["%s"]
        """.formatted(pebble.directory(), dir.resolve("untrusted-account.pem"), caDns.dns()));
    AcmeIssuer issuer = issuer(cfg, caDns.publisher());

    assertThatThrownBy(() -> issuer.issue(TestKeys.request("u", "untrusted", "u.example.test"), TestKeys.ecP256(),
        Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("registering the ACME account")
        .hasMessageContaining("cannot reach the ACME server")
        .hasMessageContaining("PKIX");
  }

  @Test
  void ipAddressesAreRefusedBeforeAnyOrder() {
    AcmeIssuer issuer = issuer(config("pebble", keyFile("ip-account.pem"), caDns.dns(), "10s"), caDns.publisher());
    CertificateRequest withIp = new CertificateRequest("ip", "pebble", List.of("ip.example.test"), List.of("10.0.0.1"),
        Optional.empty(), Optional.empty(), Optional.empty(), dev.lanyard.core.cert.PrivateKeySpec.DEFAULT, List.of(),
        "config");

    assertThatThrownBy(() -> issuer.issue(withIp, TestKeys.ecP256(), Optional.empty()))
        .isInstanceOf(IssuanceException.class)
        .hasMessageContaining("DNS-01 cannot validate IP addresses [10.0.0.1]");
    assertThat(dir.resolve("ip-account.pem")).doesNotExist();
  }

  @Test
  void neitherAccountKeyNorCertificateKeyReachesTheLogs() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger acme4j = (Logger) LoggerFactory.getLogger("org.shredzone.acme4j");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    Level before = acme4j.getLevel();
    acme4j.setLevel(Level.DEBUG);
    KeyPair certKey = TestKeys.ecP256();
    try {
      issuer(config("pebble", keyFile("logged-account.pem"), caDns.dns(), "10s"), caDns.publisher())
          .issue(TestKeys.request("logs", "pebble", "logs.example.test"), certKey, Optional.empty());
    } finally {
      root.detachAppender(captured);
      acme4j.setLevel(before);
    }
    String logs = String.join("\n", captured.list.stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList());
    String accountPem = Files.readString(dir.resolve("logged-account.pem"));
    String accountKeyBody = accountPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

    assertThat(logs).contains("logs.example.test").contains("Payload");
    assertThat(logs).doesNotContain(accountKeyBody.substring(0, 40));
    assertThat(logs).doesNotContain(Base64.getEncoder().encodeToString(certKey.getPrivate().getEncoded()).substring(0, 40));
    assertThat(logs).doesNotContain(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(((java.security.interfaces.ECPrivateKey) certKey.getPrivate()).getS().toByteArray()));
  }

  private static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
