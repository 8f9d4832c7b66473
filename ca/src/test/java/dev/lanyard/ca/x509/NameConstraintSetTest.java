package dev.lanyard.ca.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ca.KeyKind;
import dev.lanyard.core.net.IpAddresses;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameConstraintSetTest {

  @ParameterizedTest
  @CsvSource({
      "example.com,      example.com,        true",
      "example.com,      app.example.com,    true",
      "example.com,      *.example.com,      true",
      "example.com,      APP.Example.COM.,   true",
      "example.com,      badexample.com,     false",
      "example.com,      example.org,        false",
      ".example.com,     example.com,        false",
      ".example.com,     a.b.example.com,    true",
      "'a.com,b.org',    x.b.org,            true",
      "10.0.0.0/8,       anything.test,      true"})
  void dnsNames(String constraints, String name, boolean permitted) {
    NameConstraintSet set = NameConstraintSet.permitting(List.of(constraints.split(",")));
    assertThat(set.permitsDns(name)).isEqualTo(permitted);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.0/8,      10.1.2.3,       true",
      "10.0.0.0/8,      11.0.0.1,       false",
      "192.168.1.7,     192.168.1.7,    true",
      "192.168.1.7,     192.168.1.8,    false",
      "2001:db8::/32,   2001:db8::1,    true",
      "2001:db8::/32,   10.0.0.1,       false",
      "example.com,     10.0.0.1,       true"})
  void ipAddresses(String constraint, String ip, boolean permitted) {
    NameConstraintSet set = NameConstraintSet.permitting(List.of(constraint));
    assertThat(set.permitsIp(IpAddresses.parse(ip).orElseThrow())).isEqualTo(permitted);
  }

  @Test
  void survivesTheRoundTripThroughACertificate() throws Exception {
    NameConstraintSet set = NameConstraintSet.permitting(List.of("example.com", ".internal.test", "10.0.0.0/8", "2001:db8::/48"));
    KeyPair key = KeyKind.ECDSA_P256.generate();
    X509Certificate ca = CaCertificates.root("NC", key, Instant.now(), Instant.now().plus(Duration.ofDays(1)), 0, set);
    assertThat(NameConstraintSet.of(ca)).isEqualTo(set);
  }

  @Test
  void aCertificateWithoutConstraintsPermitsEverything() throws Exception {
    KeyPair key = KeyKind.ECDSA_P256.generate();
    X509Certificate ca = CaCertificates.root("Free", key, Instant.now(), Instant.now().plus(Duration.ofDays(1)), 0,
        NameConstraintSet.NONE);
    NameConstraintSet set = NameConstraintSet.of(ca);
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.permitsDns("anything.example")).isTrue();
    assertThat(set.toExtension()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"'*.example.com'", "'not valid'", "'10.0.0.0/99'"})
  void rejectsWhatIsNeitherANameNorACidr(String entry) {
    assertThatThrownBy(() -> NameConstraintSet.permitting(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
  }
}
