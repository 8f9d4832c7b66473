package dev.lanyard.certificates;

import static dev.lanyard.certificates.Requests.dir;
import static dev.lanyard.certificates.Requests.request;
import static dev.lanyard.certificates.Requests.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanyard.certificates.store.CertificateNames;
import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.cert.KeyAlgorithm;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.config.CertificatesConfig;
import dev.lanyard.core.testing.Fixtures;
import dev.lanyard.core.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@EnableKubernetesMockClient(crud = true)
class CertificateLifecycleTest {
  KubernetesClient client;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final TestCa ca = new TestCa("internal", clock);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CertificatesConfig config = Fixtures.baseConfig("""
      certificates:
        backoff: {initial: 1m, max: 8m}
      """).certificates();
  private final List<CertificateLifecycle> opened = new ArrayList<>();

  private CertificateLifecycle lifecycle() {
    return lifecycle(Map.of("internal", ca), Optional.of(client), clock);
  }

  private CertificateLifecycle lifecycle(Map<String, Issuer> issuers, Optional<KubernetesClient> kube, Clock c) {
    CertificateLifecycle l = new CertificateLifecycle(config, issuers, kube, registry, c);
    opened.add(l);
    return l;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(CertificateLifecycle::close);
  }

  private CertificateRequest web() {
    return request("web", "internal", List.of("*.example.test", "example.test"),
        List.of(dir(dir.resolve("web"), "echo reloaded >> ../reloads.log"), new StoreSpec.Secret("infra", "web-tls")));
  }

  private X509Certificate fileLeaf() throws Exception {
    return Pem.decodeCertificates(Files.readString(dir.resolve("web/cert.pem"))).get(0);
  }

  private X509Certificate secretLeaf() throws Exception {
    Secret s = client.secrets().inNamespace("infra").withName("web-tls").get();
    return Pem.decodeCertificates(new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII)).get(0);
  }

  private List<String> reloads() throws Exception {
    Path log = dir.resolve("reloads.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void issuesIntoEveryStoreAndReportsStatusAndMetrics() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    assertThat(l.status()).singleElement().satisfies(s -> {
      assertThat(s.notAfter()).isEmpty();
      assertThat(s.dnsNames()).containsExactly("*.example.test", "example.test");
    });

    CertificateStatus s = l.issueNow(Optional.empty(), false).get(0);

    assertThat(ca.issued).hasValue(1);
    assertThat(s.name()).isEqualTo("web");
    assertThat(s.origin()).isEqualTo("config");
    assertThat(s.issuer()).isEqualTo("internal");
    assertThat(s.notAfter()).contains(clock.instant().plus(Duration.ofDays(90)));
    assertThat(s.nextRenewal()).hasValueSatisfying(r -> assertThat(r)
        .isBeforeOrEqualTo(clock.instant().plus(Duration.ofDays(60)))
        .isAfterOrEqualTo(clock.instant().plus(Duration.ofDays(60)).minus(Duration.ofHours(1))));
    assertThat(s.lastError()).isEmpty();
    assertThat(s.healthy()).isTrue();
    assertThat(s.stores()).containsExactly(
        new StoreStatus("dir " + dir.resolve("web"), Optional.empty()), new StoreStatus("secret infra/web-tls", Optional.empty()));
    assertThat(fileLeaf()).isEqualTo(secretLeaf());
    assertThat(s.serial()).contains(SerialNumbers.hex(fileLeaf().getSerialNumber()));
    assertThat(reloads()).containsExactly("reloaded");

    String scrape = registry.scrape();
    assertThat(scrape).contains("lanyard_certificate_not_after_seconds{name=\"web\"} " + (double) s.notAfter().get().getEpochSecond());
    assertThat(scrape).contains("lanyard_certificate_issuance_total{name=\"web\",result=\"success\"} 1.0");
  }

  @Test
  void aRestartOverTheSameStoresIssuesNothingAndWritesNothing() throws Exception {
    CertificateLifecycle first = lifecycle();
    first.update(state(web()));
    String serial = first.issueNow(Optional.empty(), false).get(0).serial().orElseThrow();
    first.close();
    Map<String, Object> inodes = new java.util.TreeMap<>();
    for (String f : List.of("fullchain.pem", "privkey.pem", "cert.pem", "chain.pem", "ca.pem", "lanyard.properties")) {
      inodes.put(f, List.of(Files.getAttribute(dir.resolve("web").resolve(f), "unix:ino"),
          Files.getLastModifiedTime(dir.resolve("web").resolve(f))));
    }
    String version = client.secrets().inNamespace("infra").withName("web-tls").get().getMetadata().getResourceVersion();
    clock.advance(Duration.ofDays(10));

    CertificateLifecycle second = lifecycle();
    second.update(state(web()));
    CertificateStatus s = second.issueNow(Optional.empty(), false).get(0);

    assertThat(ca.issued).as("no second issuance").hasValue(1);
    assertThat(s.serial()).contains(serial);
    assertThat(s.lastError()).isEmpty();
    for (String f : inodes.keySet()) {
      assertThat(List.of(Files.getAttribute(dir.resolve("web").resolve(f), "unix:ino"),
          Files.getLastModifiedTime(dir.resolve("web").resolve(f)))).as(f + " untouched").isEqualTo(inodes.get(f));
    }
    assertThat(client.secrets().inNamespace("infra").withName("web-tls").get().getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(reloads()).as("no reload without a change").hasSize(1);
  }

  @Test
  void inspectReportsWhatIsStoredAndWhatARunWouldDoWithoutChangingAnything() throws Exception {
    CertificateLifecycle cli = lifecycle();
    cli.update(state(web()));
    CertificateStatus before = cli.inspect().get(0);
    assertThat(before.pending()).contains("issue: no certificate stored yet");
    assertThat(before.notAfter()).isEmpty();
    assertThat(dir.resolve("web")).doesNotExist();
    assertThat(client.secrets().inNamespace("infra").withName("web-tls").get()).isNull();

    CertificateLifecycle serve = lifecycle();
    serve.update(state(Requests.withStores(web(), List.of(dir(dir.resolve("web"))))));
    CertificateStatus issued = serve.issueNow(Optional.empty(), false).get(0);

    CertificateStatus after = cli.inspect().get(0);
    assertThat(after.serial()).isEqualTo(issued.serial());
    assertThat(after.notAfter()).isEqualTo(issued.notAfter());
    assertThat(after.nextRenewal()).isEqualTo(issued.nextRenewal());
    assertThat(after.pending()).contains("copy the stored certificate to secret infra/web-tls");
    assertThat(client.secrets().inNamespace("infra").withName("web-tls").get()).isNull();

    clock.set(issued.nextRenewal().orElseThrow());
    assertThat(cli.inspect().get(0).pending()).hasValueSatisfying(p -> assertThat(p).startsWith("issue: due for renewal since"));
    assertThat(ca.issued).hasValue(1);
  }

  @Test
  void changedNamesAreIssuedAtOnce() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    l.issueNow(Optional.empty(), false);

    l.update(state(Requests.withNames(web(), List.of("*.example.test", "example.test", "*.apps.example.test"))));
    CertificateStatus s = l.issueNow(Optional.of("web"), false).get(0);

    assertThat(ca.issued).hasValue(2);
    assertThat(CertificateNames.of(fileLeaf()).dnsNames()).containsExactly("*.example.test", "example.test", "*.apps.example.test");
    assertThat(secretLeaf()).isEqualTo(fileLeaf());
    assertThat(s.serial()).contains(SerialNumbers.hex(fileLeaf().getSerialNumber()));
    assertThat(ca.replaced.get(1)).as("the old certificate is named as replaced").isPresent();
  }

  @Test
  void aNewStoreGetsACopyWithoutANewIssuance() throws Exception {
    CertificateRequest dirOnly = Requests.withStores(web(), List.of(dir(dir.resolve("web"))));
    CertificateLifecycle l = lifecycle();
    l.update(state(dirOnly));
    l.issueNow(Optional.empty(), false);

    l.update(state(web()));
    l.issueNow(Optional.empty(), false);

    assertThat(ca.issued).hasValue(1);
    assertThat(secretLeaf()).isEqualTo(fileLeaf());
  }

  @Test
  void renewsOnlyOnceDueAndFollowsTheIssuersSuggestion() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(Requests.withDuration(web(), Duration.ofHours(30), Optional.of(Duration.ofHours(6)))));
    CertificateStatus first = l.issueNow(Optional.empty(), false).get(0);
    Instant renewAt = first.nextRenewal().orElseThrow();
    assertThat(renewAt).isBeforeOrEqualTo(clock.instant().plus(Duration.ofHours(24)))
        .isAfter(clock.instant().plus(Duration.ofHours(24)).minus(Duration.ofMinutes(37)));

    clock.set(renewAt.minusSeconds(1));
    assertThat(l.issueNow(Optional.empty(), false).get(0).serial()).isEqualTo(first.serial());
    clock.set(renewAt);
    CertificateStatus renewed = l.issueNow(Optional.empty(), false).get(0);
    assertThat(renewed.serial()).isNotEqualTo(first.serial());
    assertThat(ca.issued).hasValue(2);
    assertThat(reloads()).hasSize(2);

    Instant suggested = clock.instant().plus(Duration.ofHours(2));
    ca.suggestion = Optional.of(suggested);
    assertThat(l.issueNow(Optional.empty(), false).get(0).nextRenewal()).contains(suggested);
  }

  @Test
  void aFailingIssuerBacksOffAndTheOldCertificateStays() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    CertificateStatus good = l.issueNow(Optional.empty(), false).get(0);
    String fullchain = Files.readString(dir.resolve("web/fullchain.pem"));
    clock.set(good.nextRenewal().orElseThrow());
    ca.behaviour = TestCa.Behaviour.FAIL;

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CertificateStatus s = l.issueNow(Optional.empty(), false).get(0);
      assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("the CA said no"));
      assertThat(s.failures()).isEqualTo(i + 1);
      assertThat(s.serial()).as("the old certificate is still reported").isEqualTo(good.serial());
      assertThat(s.notAfter()).isEqualTo(good.notAfter());
      assertThat(s.nextRenewal()).isEqualTo(good.nextRenewal());
      waits.add(Duration.between(clock.instant(), s.retryAt().orElseThrow()));
    }
    assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
        Duration.ofMinutes(8));
    ca.retryAfter = Duration.ofMinutes(45);
    CertificateStatus limited = l.issueNow(Optional.empty(), false).get(0);
    assertThat(limited.retryAt()).contains(clock.instant().plus(Duration.ofMinutes(45)));
    assertThat(Files.readString(dir.resolve("web/fullchain.pem"))).isEqualTo(fullchain);
    assertThat(secretLeaf()).isEqualTo(fileLeaf());
    assertThat(reloads()).hasSize(1);
    assertThat(registry.scrape())
        .contains("lanyard_certificate_renewal_failures_total{name=\"web\"} 6.0")
        .contains("lanyard_certificate_issuance_total{name=\"web\",result=\"failure\"} 6.0");

    ca.behaviour = TestCa.Behaviour.NORMAL;
    CertificateStatus recovered = l.issueNow(Optional.empty(), false).get(0);
    assertThat(recovered.failures()).isZero();
    assertThat(recovered.lastError()).isEmpty();
    assertThat(recovered.retryAt()).isEmpty();
    assertThat(recovered.serial()).isNotEqualTo(good.serial());
  }

  @Test
  void aFailedRunIsNotedInTheStoresSoAnotherProcessListsItAndASuccessErasesIt() throws Exception {
    CertificateLifecycle serve = lifecycle();
    serve.update(state(web()));
    CertificateStatus good = serve.issueNow(Optional.empty(), false).get(0);
    Path web = dir.resolve("web");
    Map<String, String> files = new java.util.TreeMap<>();
    for (String f : List.of("fullchain.pem", "privkey.pem", "cert.pem", "chain.pem", "ca.pem", "lanyard.properties")) {
      files.put(f, Files.readString(web.resolve(f)));
    }
    ca.behaviour = TestCa.Behaviour.FAIL;
    clock.advance(Duration.ofMinutes(3));

    CertificateStatus failed = serve.issueNow(Optional.empty(), true).get(0);
    assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("the CA said no"));

    CertificateLifecycle cli = lifecycle();
    cli.update(state(web()));
    CertificateStatus listed = cli.inspect().get(0);
    assertThat(listed.lastError()).as("what `lanyard certs list` shows in another process")
        .contains(failed.lastError().get() + " (last attempt " + clock.instant() + ")");
    assertThat(listed.serial()).as("the good certificate is still the one in place").isEqualTo(good.serial());
    for (String f : files.keySet()) {
      assertThat(Files.readString(web.resolve(f))).as(f + " unchanged").isEqualTo(files.get(f));
    }
    assertThat(reloads()).as("noting a failure is not a certificate change").hasSize(1);
    Map<String, String> annotations = client.secrets().inNamespace("infra").withName("web-tls").get().getMetadata().getAnnotations();
    assertThat(annotations).containsEntry("lanyard.dev/last-failure", failed.lastError().get())
        .containsEntry("lanyard.dev/last-failure-time", clock.instant().toString())
        .containsEntry("cert-manager.io/issuer-name", "internal");
    assertThat(secretLeaf()).isEqualTo(fileLeaf());

    ca.behaviour = TestCa.Behaviour.NORMAL;
    CertificateStatus renewed = serve.issueNow(Optional.empty(), true).get(0);
    assertThat(renewed.lastError()).isEmpty();
    assertThat(web.resolve("lanyard-failure.properties")).doesNotExist();
    assertThat(client.secrets().inNamespace("infra").withName("web-tls").get().getMetadata().getAnnotations())
        .doesNotContainKeys("lanyard.dev/last-failure", "lanyard.dev/last-failure-time");
    CertificateLifecycle nextList = lifecycle();
    nextList.update(state(web()));
    assertThat(nextList.inspect().get(0).lastError()).isEmpty();
  }

  @Test
  void aFailedFirstIssuanceIsNotedInTheDirectoryAndCreatesNoSecret() throws Exception {
    ca.behaviour = TestCa.Behaviour.FAIL;
    CertificateLifecycle serve = lifecycle();
    serve.update(state(web()));
    serve.issueNow(Optional.empty(), false);

    CertificateLifecycle cli = lifecycle();
    cli.update(state(web()));
    CertificateStatus listed = cli.inspect().get(0);
    assertThat(listed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("the CA said no"));
    assertThat(listed.pending()).contains("issue: no certificate stored yet");
    assertThat(client.secrets().inNamespace("infra").withName("web-tls").get()).isNull();
    assertThat(dir.resolve("web/fullchain.pem")).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(value = TestCa.Behaviour.class, names = {"WRONG_KEY", "WRONG_NAMES", "BROKEN_CHAIN"})
  void anUnfitIssuedCertificateNeverReplacesTheStoredOne(TestCa.Behaviour behaviour) throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    CertificateStatus good = l.issueNow(Optional.empty(), false).get(0);
    String fullchain = Files.readString(dir.resolve("web/fullchain.pem"));
    String key = Files.readString(dir.resolve("web/privkey.pem"));
    ca.behaviour = behaviour;

    CertificateStatus s = l.issueNow(Optional.of("web"), true).get(0);

    assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("returned an unusable certificate"));
    assertThat(s.serial()).isEqualTo(good.serial());
    assertThat(s.failures()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("web/fullchain.pem"))).isEqualTo(fullchain);
    assertThat(Files.readString(dir.resolve("web/privkey.pem"))).isEqualTo(key);
    assertThat(secretLeaf()).isEqualTo(fileLeaf());
    assertThat(registry.scrape()).contains("lanyard_certificate_issuance_total{name=\"web\",result=\"rejected\"} 1.0");
  }

  @Test
  void rotationPolicyNeverKeepsTheKeyAndAlwaysChangesIt() throws Exception {
    CertificateRequest never = Requests.withKey(web(), new PrivateKeySpec(KeyAlgorithm.ECDSA, 384, PrivateKeySpec.RotationPolicy.NEVER));
    CertificateLifecycle l = lifecycle();
    l.update(state(never));
    l.issueNow(Optional.empty(), false);
    String key = Files.readString(dir.resolve("web/privkey.pem"));
    l.issueNow(Optional.empty(), true);
    assertThat(ca.issued).hasValue(2);
    assertThat(Files.readString(dir.resolve("web/privkey.pem"))).isEqualTo(key);

    l.update(state(Requests.withKey(web(), new PrivateKeySpec(KeyAlgorithm.ECDSA, 384, PrivateKeySpec.RotationPolicy.ALWAYS))));
    l.issueNow(Optional.empty(), true);
    assertThat(Files.readString(dir.resolve("web/privkey.pem"))).isNotEqualTo(key);

    l.update(state(Requests.withKey(web(), new PrivateKeySpec(KeyAlgorithm.RSA, 2048, PrivateKeySpec.RotationPolicy.NEVER))));
    l.issueNow(Optional.empty(), false);
    assertThat(ca.issued).as("a key of the wrong type is a reason to issue").hasValue(4);
    assertThat(fileLeaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void anUnknownIssuerIsReportedAndTheOthersCarryOn() throws Exception {
    CertificateRequest orphan = request("orphan", "nope", List.of("o.example.test"), List.of(dir(dir.resolve("orphan"))));
    CertificateLifecycle l = lifecycle();
    l.update(state(orphan, web()));

    List<CertificateStatus> all = l.issueNow(Optional.empty(), false);

    assertThat(all).extracting(CertificateStatus::name).containsExactly("orphan", "web");
    assertThat(all.get(0).lastError()).contains("no issuer named \"nope\" (configured: internal)");
    assertThat(all.get(0).failures()).isZero();
    assertThat(all.get(1).healthy()).isTrue();
    assertThat(dir.resolve("orphan")).doesNotExist();
  }

  @Test
  void aSecretStoreWithoutAClusterIsReportedWhileTheDirectoryIsServed() throws Exception {
    CertificateLifecycle l = lifecycle(Map.of("internal", ca), Optional.empty(), clock);
    CertificateRequest secretOnly = request("k8s", "internal", List.of("k.example.test"), List.of(new StoreSpec.Secret("infra", "k")));
    l.update(state(web(), secretOnly));

    List<CertificateStatus> all = l.issueNow(Optional.empty(), false);

    CertificateStatus k8s = all.get(0);
    assertThat(k8s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("no usable store", "needs a Kubernetes cluster"));
    CertificateStatus web = all.get(1);
    assertThat(web.notAfter()).isPresent();
    assertThat(web.stores().get(1).problem()).hasValueSatisfying(p -> assertThat(p).contains("needs a Kubernetes cluster"));
    assertThat(dir.resolve("web/fullchain.pem")).exists();
  }

  @Test
  void anUnreadableStoreStopsTheRunAndKeepsWhatWasKnown() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    CertificateStatus good = l.issueNow(Optional.empty(), false).get(0);
    Path fullchain = dir.resolve("web/fullchain.pem");
    Files.delete(fullchain);
    Files.createDirectory(fullchain);

    CertificateStatus s = l.issueNow(Optional.empty(), false).get(0);

    assertThat(ca.issued).as("no issuance on partial knowledge").hasValue(1);
    assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("dir " + dir.resolve("web"), "cannot read"));
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.retryAt()).contains(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(s.serial()).isEqualTo(good.serial());
    assertThat(s.notAfter()).isEqualTo(good.notAfter());
  }

  @Test
  void issueNowNamesTheKnownCertificatesWhenTheNameIsWrong() {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    assertThatThrownBy(() -> l.issueNow(Optional.of("wbe"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no certificate named \"wbe\" (known: web)");
  }

  @Test
  void aRemovedRequestLeavesTheStatusAndTheMetrics() throws Exception {
    CertificateLifecycle l = lifecycle();
    l.update(state(web()));
    l.issueNow(Optional.empty(), false);
    assertThat(registry.scrape()).contains("lanyard_certificate_not_after_seconds{name=\"web\"}");

    l.update(state());

    assertThat(l.status()).isEmpty();
    assertThat(registry.scrape()).doesNotContain("lanyard_certificate_not_after_seconds{name=\"web\"}");
    assertThat(dir.resolve("web/fullchain.pem")).as("stores are never deleted").exists();
  }

  @Test
  void whileLeadingTheSchedulerIssuesChangesAndStopsWhenLeadershipIsLost() throws Exception {
    TestCa realTime = new TestCa("internal", Clock.systemUTC());
    CertificateLifecycle l = lifecycle(Map.of("internal", realTime), Optional.of(client), Clock.systemUTC());
    l.update(state(web()));
    l.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> l.status().get(0).serial().isPresent());
    assertThat(realTime.issued).hasValue(1);

    l.update(state(Requests.withNames(web(), List.of("changed.example.test"))));
    await().atMost(Duration.ofSeconds(20)).until(() -> realTime.issued.get() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> CertificateNames.of(fileLeaf()).dnsNames().equals(List.of("changed.example.test")));

    l.stop();
    l.update(state(Requests.withNames(web(), List.of("again.example.test"))));
    Thread.sleep(1500);
    assertThat(realTime.issued).as("no work after leadership is lost").hasValue(2);

    l.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> realTime.issued.get() == 3);
  }
}
