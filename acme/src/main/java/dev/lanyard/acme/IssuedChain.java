package dev.lanyard.acme;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CA's chain as the lifecycle stores it, after checking it is for the request's key and names
 * (a valid certificate must never be replaced by a wrong one). A self-signed root is dropped.
 */
final class IssuedChain {

  private IssuedChain() {}

  static IssuedCertificate checked(String issuer, List<X509Certificate> chain, CertificateRequest request,
      KeyPair keyPair) throws IssuanceException {
    if (chain.isEmpty()) {
      throw new IssuanceException("issuer " + issuer + ": the CA returned an empty certificate chain");
    }
    X509Certificate leaf = chain.get(0);
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
      throw new IssuanceException("issuer " + issuer + ": the CA returned a certificate for a different key");
    }
    Set<String> sans = dnsNames(issuer, leaf);
    List<String> missing = request.dnsNames().stream().filter(n -> !sans.contains(n.toLowerCase(Locale.ROOT))).toList();
    if (!missing.isEmpty()) {
      throw new IssuanceException("issuer " + issuer + ": the CA returned a certificate without " + missing);
    }
    List<X509Certificate> withoutRoot = new ArrayList<>(chain.subList(0, 1));
    for (X509Certificate c : chain.subList(1, chain.size())) {
      if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        withoutRoot.add(c);
      }
    }
    return new IssuedCertificate(withoutRoot, Optional.empty());
  }

  private static Set<String> dnsNames(String issuer, X509Certificate leaf) throws IssuanceException {
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans == null) {
        return Set.of();
      }
      return sans.stream().filter(s -> Integer.valueOf(2).equals(s.get(0)))
          .map(s -> ((String) s.get(1)).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    } catch (CertificateParsingException e) {
      throw new IssuanceException("issuer " + issuer + ": the CA returned an unreadable certificate", e);
    }
  }
}
