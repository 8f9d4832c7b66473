package dev.lanyard.ca;

import dev.lanyard.ca.pem.KeyPem;
import dev.lanyard.core.cert.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CA kept in a Kubernetes Secret with cert-manager's CA issuer layout, so an existing
 * {@code ca-issuer} Secret works as is: {@code tls.crt} is the signing CA, optionally followed by
 * its chain; {@code tls.key} its key (PKCS#1, PKCS#8 or SEC1). When {@code tls.crt} stops below the
 * root and {@code ca.crt} holds the self-signed root that issued it, that root is used for
 * {@code ca.crt} of the issued certificates.
 */
public final class CaSecret {

  private CaSecret() {}

  public static CertificateAuthority load(KubernetesClient client, String namespace, String name) throws CaException {
    String source = "secret " + namespace + "/" + name;
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new CaException(source + ": cannot read it from the Kubernetes API: " + e.getMessage(), e);
    }
    if (secret == null) {
      throw new CaException(source + ": not found");
    }
    return fromData(data(secret), source);
  }

  /** The Secret's entries as text: {@code data} decoded from base64, then {@code stringData}. */
  static Map<String, String> data(Secret secret) {
    Map<String, String> out = new java.util.HashMap<>();
    if (secret.getStringData() != null) {
      out.putAll(secret.getStringData());
    }
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Builds the CA from decoded Secret entries. */
  public static CertificateAuthority fromData(Map<String, String> data, String source) throws CaException {
    String crt = data.get("tls.crt");
    String key = data.get("tls.key");
    if (crt == null || crt.isBlank()) {
      throw new CaException(source + ": has no tls.crt (expected the CA certificate, as for a cert-manager CA issuer)");
    }
    if (key == null || key.isBlank()) {
      throw new CaException(source + ": has no tls.key (expected the CA's private key)");
    }
    List<X509Certificate> certs;
    try {
      certs = new ArrayList<>(Pem.decodeCertificates(crt));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new CaException(source + ": tls.crt is not valid PEM: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new CaException(source + ": tls.crt holds no BEGIN CERTIFICATE block");
    }
    PrivateKey privateKey;
    try {
      privateKey = KeyPem.read(key);
    } catch (GeneralSecurityException e) {
      throw new CaException(source + ": tls.key: " + e.getMessage(), e);
    }
    rootFrom(data.get("ca.crt"), certs.get(certs.size() - 1)).ifPresent(certs::add);
    return CertificateAuthority.of(certs, privateKey, source);
  }

  private static Optional<X509Certificate> rootFrom(String caCrt, X509Certificate top) {
    if (caCrt == null || CertificateAuthority.selfSigned(top)) {
      return Optional.empty();
    }
    try {
      return Pem.decodeCertificates(caCrt).stream()
          .filter(CertificateAuthority::selfSigned)
          .filter(root -> CertificateAuthority.issuedBy(top, root))
          .findFirst();
    } catch (CertificateException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
