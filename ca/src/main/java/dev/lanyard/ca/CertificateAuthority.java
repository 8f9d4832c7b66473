package dev.lanyard.ca;

import dev.lanyard.ca.x509.KeyMatch;
import dev.lanyard.ca.x509.LeafCertificates;
import dev.lanyard.ca.x509.LeafSpec;
import dev.lanyard.ca.x509.NameConstraintSet;
import dev.lanyard.core.net.IpAddresses;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A CA that can sign: its certificate and key, and the certificates above it (towards the root,
 * the root itself included when known).
 *
 * @param source where it was loaded from, for messages ({@code dir ./ca}, {@code secret cert-manager/ca})
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain, String source) {

  public CertificateAuthority {
    chain = List.copyOf(chain);
  }

  /**
   * Checks and builds a CA from a signing certificate followed by its chain, as in cert-manager's
   * CA issuer Secret ({@code tls.crt}): the first certificate must be a CA, the key must be its key,
   * and each certificate must be issued by the next.
   */
  public static CertificateAuthority of(List<X509Certificate> certificates, PrivateKey key, String source) throws CaException {
    if (certificates.isEmpty()) {
      throw new CaException(source + ": no certificate found");
    }
    X509Certificate signing = certificates.get(0);
    if (signing.getBasicConstraints() < 0) {
      throw new CaException(source + ": \"" + subject(signing) + "\" is not a CA certificate (basicConstraints CA:TRUE is missing)");
    }
    boolean[] usage = signing.getKeyUsage();
    if (usage != null && (usage.length <= 5 || !usage[5])) {
      throw new CaException(source + ": \"" + subject(signing) + "\" may not sign certificates (keyUsage lacks keyCertSign)");
    }
    if (!KeyMatch.matches(key, signing.getPublicKey())) {
      throw new CaException(source + ": the private key does not belong to \"" + subject(signing) + "\"");
    }
    for (int i = 0; i + 1 < certificates.size(); i++) {
      X509Certificate child = certificates.get(i);
      X509Certificate parent = certificates.get(i + 1);
      if (!issuedBy(child, parent)) {
        throw new CaException(source + ": certificate " + (i + 2) + " (\"" + subject(parent) + "\") did not issue certificate "
            + (i + 1) + " (\"" + subject(child) + "\"); list the signing CA first, then its issuers up to the root");
      }
    }
    return new CertificateAuthority(signing, key, certificates.subList(1, certificates.size()), source);
  }

  /** The self-signed root, when this CA knows it. */
  public Optional<X509Certificate> root() {
    X509Certificate top = chain.isEmpty() ? certificate : chain.get(chain.size() - 1);
    return selfSigned(top) ? Optional.of(top) : Optional.empty();
  }

  /** What clients should trust ({@code ca.crt}): the root when known, else the highest certificate (cert-manager's rule). */
  public X509Certificate caCertificate() {
    return root().orElse(chain.isEmpty() ? certificate : chain.get(chain.size() - 1));
  }

  /** The certificates a leaf is served with after itself: this CA and its issuers, without a self-signed root. */
  public List<X509Certificate> intermediates() {
    return all().filter(c -> !selfSigned(c)).toList();
  }

  /** The earliest notAfter in the chain: no leaf may outlive it. */
  public Instant notAfter() {
    return all().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
  }

  /** Signs a leaf for {@code subjectKey} after checking its names against every name constraint in the chain. */
  public X509Certificate issue(LeafSpec spec, PublicKey subjectKey, Instant now) throws CaException {
    List<String> refused = new ArrayList<>();
    for (X509Certificate c : all().toList()) {
      NameConstraintSet nc = NameConstraintSet.of(c);
      spec.dnsNames().stream().filter(n -> !nc.permitsDns(n)).forEach(n -> refused.add(n + " (constrained by \"" + subject(c) + "\")"));
      spec.ipAddresses().stream()
          .filter(ip -> IpAddresses.parse(ip).map(a -> !nc.permitsIp(a)).orElse(true))
          .forEach(ip -> refused.add(ip + " (constrained by \"" + subject(c) + "\")"));
    }
    if (!refused.isEmpty()) {
      throw new CaException(source + ": the CA's name constraints forbid " + String.join(", ", refused));
    }
    try {
      return LeafCertificates.sign(spec, subjectKey, certificate, key, now, notAfter());
    } catch (GeneralSecurityException e) {
      throw new CaException(source + ": " + e.getMessage(), e);
    }
  }

  public static boolean selfSigned(X509Certificate c) {
    return issuedBy(c, c);
  }

  static boolean issuedBy(X509Certificate child, X509Certificate parent) {
    if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
      return false;
    }
    try {
      child.verify(parent.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }

  private Stream<X509Certificate> all() {
    return Stream.concat(Stream.of(certificate), chain.stream());
  }

  @Override
  public String toString() {
    return "CA \"" + subject(certificate) + "\" from " + source;
  }
}
