package dev.lanyard.e2e.acme;

import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reading what Lanyard wrote (PEM files, a TLS Secret) and checking it with the real {@code openssl}. */
final class Certs {
  private Certs() {}

  static List<X509Certificate> chain(String pem) {
    try {
      Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> out = new ArrayList<>();
      all.forEach(c -> out.add((X509Certificate) c));
      return out;
    } catch (CertificateException e) {
      throw new AssertionError("not a PEM certificate chain: " + e.getMessage(), e);
    }
  }

  static X509Certificate leaf(Path fullchain) {
    return chain(read(fullchain)).get(0);
  }

  static String serial(Path fullchain) {
    return SerialNumbers.hex(leaf(fullchain).getSerialNumber());
  }

  static List<String> dnsNames(X509Certificate cert) {
    try {
      List<String> out = new ArrayList<>();
      for (List<?> san : cert.getSubjectAlternativeNames()) {
        if (((Integer) san.get(0)) == 2) {
          out.add((String) san.get(1));
        }
      }
      return out;
    } catch (CertificateException e) {
      throw new AssertionError(e);
    }
  }

  static String secretData(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data == null || !data.containsKey(key)) {
      throw new AssertionError("Secret " + secret.getMetadata().getName() + " has no " + key + ": " + data);
    }
    return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.US_ASCII);
  }

  /**
   * {@code openssl verify} of the first certificate in {@code fullchain} against {@code rootPem},
   * with the rest of the chain as untrusted intermediates. Returns openssl's output; fails unless
   * it says OK.
   */
  static String opensslVerify(Path work, Path fullchain, String rootPem) {
    Path openssl = Repo.binary("openssl", "openssl");
    try {
      Path root = Files.writeString(Files.createTempFile(work, "pebble-root", ".pem"), rootPem);
      ProcessRun r = ProcessRun.run(work, Map.of(), List.of(openssl.toString(), "verify", "-CAfile", root.toString(),
          "-untrusted", fullchain.toString(), fullchain.toString()), 30);
      String out = r.stdout() + r.stderr();
      if (r.exitCode() != 0 || !out.contains(fullchain + ": OK")) {
        throw new AssertionError("openssl verify rejected " + fullchain + ":\n" + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
