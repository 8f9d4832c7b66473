package dev.lanyard.certificates.lifecycle;

import dev.lanyard.certificates.key.PrivateKeys;
import dev.lanyard.certificates.store.CertificateNames;
import dev.lanyard.certificates.store.StoredCertificate;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a certificate is fit for its request: a stored one before it is kept, an issued one before
 * it replaces anything. Each method returns the problems in words; empty means fit.
 */
public final class CertificateChecks {
  /** An issued certificate may start this far in the future (clock skew between Lanyard and the CA). */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private CertificateChecks() {}

  /** Why a stored certificate cannot be kept for this request (expiry aside from renewal timing). */
  public static List<String> storedProblems(StoredCertificate stored, CertificateRequest request, String issuerName, Instant now) {
    List<String> problems = new ArrayList<>();
    X509Certificate leaf = stored.leaf();
    names(leaf, request, problems);
    if (stored.issuerName().isEmpty()) {
      problems.add("no record of the issuer that made it");
    } else if (!stored.issuerName().get().equals(issuerName)) {
      problems.add("made by issuer " + stored.issuerName().get() + ", the request names " + issuerName);
    }
    key(stored.key(), leaf, problems);
    if (!PrivateKeys.fits(leaf.getPublicKey(), request.privateKey())) {
      problems.add("its key is " + PrivateKeys.describe(leaf.getPublicKey(), request.privateKey().rotationPolicy())
          .map(PrivateKeys::label).orElse(leaf.getPublicKey().getAlgorithm()) + ", the request wants "
          + PrivateKeys.label(request.privateKey()));
    }
    if (!now.isBefore(leaf.getNotAfter().toInstant())) {
      problems.add("it expired at " + leaf.getNotAfter().toInstant());
    }
    chain(stored.chain(), stored.ca(), problems);
    return problems;
  }

  /** Why a freshly issued certificate must not replace what the stores hold. */
  public static List<String> issuedProblems(IssuedCertificate issued, PrivateKey key, CertificateRequest request, Instant now) {
    List<String> problems = new ArrayList<>();
    X509Certificate leaf = issued.leaf();
    key(key, leaf, problems);
    names(leaf, request, problems);
    if (!now.isBefore(leaf.getNotAfter().toInstant())) {
      problems.add("it is already expired (notAfter " + leaf.getNotAfter().toInstant() + ")");
    }
    if (leaf.getNotBefore().toInstant().isAfter(now.plus(SKEW))) {
      problems.add("it is not valid before " + leaf.getNotBefore().toInstant());
    }
    chain(issued.chain(), issued.caCertificate(), problems);
    return problems;
  }

  private static void key(PrivateKey key, X509Certificate leaf, List<String> problems) {
    if (!PrivateKeys.matches(key, leaf.getPublicKey())) {
      problems.add("the private key does not belong to the certificate");
    }
  }

  private static void names(X509Certificate leaf, CertificateRequest request, List<String> problems) {
    CertificateNames names = CertificateNames.of(leaf);
    if (!names.sameSans(request.dnsNames(), request.ipAddresses())) {
      List<String> has = new ArrayList<>(names.dnsNames());
      has.addAll(names.ipAddresses());
      List<String> wants = new ArrayList<>(request.dnsNames().stream().map(Hostnames::normalize).toList());
      request.ipAddresses().forEach(ip -> wants.add(IpAddresses.parse(ip).map(IpAddresses::canonical).orElse(ip)));
      problems.add("it names " + has + ", the request wants " + wants);
    }
    if (request.commonName().isPresent() && !request.commonName().equals(names.commonName())) {
      problems.add("its common name is " + names.commonName().orElse("empty") + ", the request wants " + request.commonName().get());
    }
  }

  /** Each certificate must be issued by the next, and the last by the CA when one is given. */
  private static void chain(List<X509Certificate> chain, Optional<X509Certificate> ca, List<String> problems) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!issuedBy(chain.get(i), chain.get(i + 1))) {
        problems.add("its chain does not verify: certificate " + (i + 2) + " (" + chain.get(i + 1).getSubjectX500Principal().getName()
            + ") did not issue certificate " + (i + 1));
        return;
      }
    }
    X509Certificate last = chain.get(chain.size() - 1);
    if (ca.isPresent() && !ca.get().equals(last) && !issuedBy(last, ca.get())) {
      problems.add("its chain does not verify up to the CA " + ca.get().getSubjectX500Principal().getName());
    }
  }

  private static boolean issuedBy(X509Certificate child, X509Certificate parent) {
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
}
