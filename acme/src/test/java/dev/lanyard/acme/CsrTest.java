package dev.lanyard.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.PrivateKeySpec;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsrTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "EC, secp256r1, SHA256withECDSA",
      "EC, secp384r1, SHA384withECDSA",
      "EC, secp521r1, SHA512withECDSA",
      "RSA, 2048, SHA256withRSA",
      "Ed25519, , Ed25519",
  })
  void signsWithAnAlgorithmThatSuitsTheKey(String alg, String param, String signature) throws Exception {
    KeyPair key = keyPair(alg, param);
    CertificateRequest request = request(Optional.empty(), "*.example.test", "example.test");

    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Csr.der(request, key));

    assertThat(Csr.signatureAlgorithm(key)).isEqualTo(signature);
    assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.getPublic()))).isTrue();
    assertThat(sans(csr)).containsExactly("*.example.test", "example.test");
    assertThat(csr.getSubject().toString()).isEqualTo("CN=*.example.test");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "none", value = {
      "none, short.example.test, CN=short.example.test",
      "common.example.test, short.example.test, CN=common.example.test",
      "none, a-name-that-is-much-longer-than-the-sixty-four-characters-a-cn-may-hold.example.test, ''",
  })
  void theCommonNameIsSetOnlyWhenItFits(String commonName, String dnsName, String subject) throws Exception {
    CertificateRequest request = request(Optional.ofNullable(commonName), dnsName);

    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Csr.der(request, keyPair("EC", "secp256r1")));

    assertThat(csr.getSubject().toString()).isEqualTo(subject);
    assertThat(sans(csr)).containsExactly(dnsName);
  }

  private static CertificateRequest request(Optional<String> cn, String... names) {
    return new CertificateRequest("c", "i", List.of(names), List.of(), cn, Optional.empty(), Optional.empty(),
        PrivateKeySpec.DEFAULT, List.of(), "config");
  }

  private static List<String> sans(PKCS10CertificationRequest csr) {
    Extensions ext = Extensions.getInstance(
        csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
    return Arrays.stream(GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames())
        .filter(n -> n.getTagNo() == GeneralName.dNSName).map(n -> n.getName().toString()).toList();
  }

  private static KeyPair keyPair(String alg, String param) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
    if (alg.equals("EC")) {
      g.initialize(new ECGenParameterSpec(param));
    } else if (alg.equals("RSA")) {
      g.initialize(Integer.parseInt(param));
    }
    return g.generateKeyPair();
  }
}
