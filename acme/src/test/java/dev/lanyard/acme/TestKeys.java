package dev.lanyard.acme;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.acme.peers.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;

/** Certificate keys, requests and an openssl check of issued chains. */
final class TestKeys {

  private TestKeys() {}

  static KeyPair ecP256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static CertificateRequest request(String name, String issuer, String... dnsNames) {
    return new CertificateRequest(name, issuer, List.of(dnsNames), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), PrivateKeySpec.DEFAULT, List.of(new StoreSpec.Directory(Path.of("/tmp/unused"),
            Optional.empty())), "config");
  }

  static List<String> dnsNames(java.security.cert.X509Certificate cert) {
    try {
      return cert.getSubjectAlternativeNames().stream().filter(san -> Integer.valueOf(2).equals(san.get(0)))
          .map(san -> (String) san.get(1)).toList();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs {@code openssl verify} on the leaf with the chain's intermediates against {@code rootPem}. */
  static String opensslVerify(Path dir, IssuedCertificate issued, String rootPem) throws IOException {
    Files.writeString(dir.resolve("root.pem"), rootPem);
    Files.writeString(dir.resolve("leaf.pem"), Pem.encodeCertificates(List.of(issued.leaf())));
    Files.writeString(dir.resolve("chain.pem"), Pem.encodeCertificates(issued.chain().subList(1, issued.chain().size())));
    return ChildProcess.run(dir, List.of("openssl", "verify", "-purpose", "sslserver", "-CAfile", "root.pem",
        "-untrusted", "chain.pem", "leaf.pem"));
  }
}
