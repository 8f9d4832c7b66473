package dev.lanyard.certificates.store;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The names a certificate carries, normalized the way requests are (lower-case DNS names,
 * canonical IP text), so the two compare directly.
 */
public record CertificateNames(Optional<String> commonName, List<String> dnsNames, List<String> ipAddresses, List<String> uris) {

  private static final int DNS = 2;
  private static final int URI = 6;
  private static final int IP = 7;

  public CertificateNames {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    uris = List.copyOf(uris);
  }

  public static CertificateNames of(X509Certificate cert) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      sans = null;
    }
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1));
        switch (type) {
          case DNS -> dns.add(Hostnames.normalize(value));
          case IP -> ips.add(IpAddresses.parse(value).map(IpAddresses::canonical).orElse(value));
          case URI -> uris.add(value);
          default -> { }
        }
      }
    }
    return new CertificateNames(commonName(cert), dns, ips, uris);
  }

  /** True when both carry the same DNS names and IP addresses, in any order. */
  public boolean sameSans(List<String> wantedDns, List<String> wantedIps) {
    return new java.util.HashSet<>(dnsNames).equals(new java.util.HashSet<>(wantedDns.stream().map(Hostnames::normalize).toList()))
        && new java.util.HashSet<>(ipAddresses).equals(new java.util.HashSet<>(
            wantedIps.stream().map(ip -> IpAddresses.parse(ip).map(IpAddresses::canonical).orElse(ip)).toList()));
  }

  private static Optional<String> commonName(X509Certificate cert) {
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
