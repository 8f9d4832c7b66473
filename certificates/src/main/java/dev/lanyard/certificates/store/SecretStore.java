package dev.lanyard.certificates.store;

import dev.lanyard.certificates.key.PrivateKeys;
import dev.lanyard.core.cert.Pem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code kubernetes.io/tls} Secret written the way cert-manager writes it: {@code tls.crt} (leaf
 * and intermediates), {@code tls.key} (PKCS#8), {@code ca.crt} when the issuer knows its CA, the
 * {@code cert-manager.io/*} annotations describing the issued certificate, and the label
 * {@code controller.cert-manager.io/fao}. An existing Secret keeps its type, its other keys, labels
 * and annotations. A failed run is noted on an existing Secret in the annotations
 * {@code lanyard.dev/last-failure} and {@code lanyard.dev/last-failure-time}; writing a new
 * certificate removes them.
 */
public final class SecretStore implements CertificateStore {
  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";
  public static final String TYPE_TLS = "kubernetes.io/tls";
  public static final String FAO_LABEL = "controller.cert-manager.io/fao";

  private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
  private static final String PREFIX = "cert-manager.io/";
  public static final String FAILURE_ANNOTATION = "lanyard.dev/last-failure";
  public static final String FAILURE_TIME_ANNOTATION = "lanyard.dev/last-failure-time";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public SecretStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public String describe() {
    return "secret " + namespace + "/" + name;
  }

  @Override
  public StoreContent read() throws StoreException {
    Secret secret = get();
    if (secret == null) {
      return new StoreContent.Empty();
    }
    Map<String, String> data = decoded(secret);
    String crt = data.get(TLS_CRT);
    String key = data.get(TLS_KEY);
    if (crt == null || crt.isBlank() || key == null || key.isBlank()) {
      return new StoreContent.Invalid("it has no " + (crt == null || crt.isBlank() ? TLS_CRT : TLS_KEY));
    }
    try {
      List<X509Certificate> chain = Pem.decodeCertificates(crt);
      if (chain.isEmpty()) {
        return new StoreContent.Invalid(TLS_CRT + " holds no certificate");
      }
      PrivateKey privateKey = PrivateKeys.read(key);
      Optional<X509Certificate> ca = data.containsKey(CA_CRT) && !data.get(CA_CRT).isBlank()
          ? Pem.decodeCertificates(data.get(CA_CRT)).stream().findFirst()
          : Optional.empty();
      Optional<String> issuer = Optional.ofNullable(secret.getMetadata().getAnnotations())
          .map(a -> a.get(PREFIX + "issuer-name"))
          .filter(s -> !s.isBlank());
      return new StoreContent.Holds(new StoredCertificate(chain, privateKey, ca, issuer));
    } catch (CertificateException | IllegalArgumentException e) {
      return new StoreContent.Invalid("a certificate cannot be parsed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return new StoreContent.Invalid(TLS_KEY + ": " + e.getMessage());
    }
  }

  @Override
  public Optional<String> write(String certificateName, StoredCertificate certificate) throws StoreException {
    Secret existing = get();
    Map<String, String> data = new LinkedHashMap<>();
    if (existing != null && existing.getData() != null) {
      data.putAll(existing.getData());
    }
    data.put(TLS_CRT, base64(Pem.encodeCertificates(certificate.chain())));
    data.put(TLS_KEY, base64(Pem.encodePrivateKey(certificate.key())));
    if (certificate.ca().isPresent()) {
      data.put(CA_CRT, base64(Pem.encodeCertificates(List.of(certificate.ca().get()))));
    } else {
      data.remove(CA_CRT);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    if (existing != null) {
      Optional.ofNullable(existing.getMetadata().getAnnotations()).ifPresent(annotations::putAll);
      Optional.ofNullable(existing.getMetadata().getLabels()).ifPresent(labels::putAll);
    }
    annotations.putAll(annotations(certificateName, certificate));
    annotations.remove(FAILURE_ANNOTATION);
    annotations.remove(FAILURE_TIME_ANNOTATION);
    labels.put(FAO_LABEL, "true");
    try {
      if (existing == null) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withAnnotations(annotations).withLabels(labels).build())
            .withType(TYPE_TLS)
            .withData(data)
            .build()).create();
      } else {
        Secret updated = new SecretBuilder(existing)
            .editMetadata().withAnnotations(annotations).withLabels(labels).endMetadata()
            .withData(data)
            .withStringData(null)
            .build();
        client.secrets().inNamespace(namespace).resource(updated).update();
      }
    } catch (KubernetesClientException e) {
      throw new StoreException(describe() + ": cannot " + (existing == null ? "create" : "update") + " it: " + reason(e), e);
    }
    log.info("Wrote {} to {}", certificate, describe());
    return Optional.empty();
  }

  @Override
  public Optional<FailureRecord> failure() throws StoreException {
    Secret secret = get();
    Map<String, String> a = secret == null ? null : secret.getMetadata().getAnnotations();
    if (a == null || !a.containsKey(FAILURE_ANNOTATION)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new FailureRecord(a.get(FAILURE_ANNOTATION), Instant.parse(a.getOrDefault(FAILURE_TIME_ANNOTATION, ""))));
    } catch (DateTimeParseException e) {
      log.warn("{}: annotation {} is not a time; ignoring the recorded failure", describe(), FAILURE_TIME_ANNOTATION);
      return Optional.empty();
    }
  }

  @Override
  public void recordFailure(FailureRecord failure) throws StoreException {
    Secret existing = get();
    if (existing == null) {
      return;
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    Optional.ofNullable(existing.getMetadata().getAnnotations()).ifPresent(annotations::putAll);
    annotations.put(FAILURE_ANNOTATION, failure.error());
    annotations.put(FAILURE_TIME_ANNOTATION, failure.at().toString());
    updateAnnotations(existing, annotations);
  }

  @Override
  public void clearFailure() throws StoreException {
    Secret existing = get();
    Map<String, String> a = existing == null ? null : existing.getMetadata().getAnnotations();
    if (a == null || !(a.containsKey(FAILURE_ANNOTATION) || a.containsKey(FAILURE_TIME_ANNOTATION))) {
      return;
    }
    Map<String, String> annotations = new LinkedHashMap<>(a);
    annotations.remove(FAILURE_ANNOTATION);
    annotations.remove(FAILURE_TIME_ANNOTATION);
    updateAnnotations(existing, annotations);
  }

  private void updateAnnotations(Secret existing, Map<String, String> annotations) throws StoreException {
    try {
      client.secrets().inNamespace(namespace).resource(new SecretBuilder(existing)
          .editMetadata().withAnnotations(annotations).endMetadata().build()).update();
    } catch (KubernetesClientException e) {
      throw new StoreException(describe() + ": cannot update its annotations: " + reason(e), e);
    }
  }

  /** The annotations cert-manager puts on the Secret; they describe the issued certificate. */
  static Map<String, String> annotations(String certificateName, StoredCertificate certificate) {
    CertificateNames names = CertificateNames.of(certificate.leaf());
    Map<String, String> a = new LinkedHashMap<>();
    a.put(PREFIX + "certificate-name", certificateName.substring(certificateName.lastIndexOf('/') + 1));
    a.put(PREFIX + "issuer-name", certificate.issuerName().orElse(""));
    a.put(PREFIX + "issuer-kind", "ClusterIssuer");
    a.put(PREFIX + "issuer-group", "cert-manager.io");
    a.put(PREFIX + "common-name", names.commonName().orElse(""));
    a.put(PREFIX + "alt-names", String.join(",", names.dnsNames()));
    a.put(PREFIX + "ip-sans", String.join(",", names.ipAddresses()));
    a.put(PREFIX + "uri-sans", String.join(",", names.uris()));
    return a;
  }

  private Secret get() throws StoreException {
    try {
      return client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new StoreException(describe() + ": cannot read it: " + reason(e), e);
    }
  }

  private static String reason(KubernetesClientException e) {
    if (e.getCode() == 403) {
      return "forbidden (the service account needs get, create and update on secrets in this namespace)";
    }
    if (e.getCode() == 409) {
      return "it changed while Lanyard wrote it; will retry";
    }
    return e.getMessage();
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> out = new LinkedHashMap<>();
    if (secret.getStringData() != null) {
      out.putAll(secret.getStringData());
    }
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> {
        try {
          out.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          out.put(k, "");
        }
      });
    }
    return out;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
