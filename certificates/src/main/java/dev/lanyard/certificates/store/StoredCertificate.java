package dev.lanyard.certificates.store;

import dev.lanyard.core.cert.SerialNumbers;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A certificate as a store keeps it.
 *
 * @param chain the leaf, then intermediates (no self-signed root)
 * @param ca the CA to publish as {@code ca.crt}, when the issuer knows it
 * @param issuerName the issuer that made it, when the store recorded it
 */
public record StoredCertificate(List<X509Certificate> chain, PrivateKey key, Optional<X509Certificate> ca, Optional<String> issuerName) {

  public StoredCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a stored certificate needs its leaf");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public List<X509Certificate> intermediates() {
    return chain.subList(1, chain.size());
  }

  /** The serial in lower-case hex without leading zeros. */
  public String serialHex() {
    return SerialNumbers.hex(leaf().getSerialNumber());
  }

  /** True when a store holding {@code other} needs no write to hold this. */
  public boolean sameAs(StoredCertificate other) {
    return encoded(chain).equals(encoded(other.chain))
        && Arrays.equals(key.getEncoded(), other.key.getEncoded())
        && encoded(ca.stream().toList()).equals(encoded(other.ca.stream().toList()))
        && issuerName.equals(other.issuerName);
  }

  private static List<String> encoded(List<X509Certificate> certs) {
    return certs.stream().map(c -> {
      try {
        return java.util.HexFormat.of().formatHex(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("certificate cannot be encoded", e);
      }
    }).toList();
  }

  @Override
  public String toString() {
    return "certificate serial " + serialHex() + " for " + CertificateNames.of(leaf()).dnsNames();
  }
}
