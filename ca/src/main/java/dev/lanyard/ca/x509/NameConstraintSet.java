package dev.lanyard.ca.x509;

import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.Cidr;
import dev.lanyard.core.net.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * RFC 5280 name constraints limited to what matters for TLS servers: DNS names and IP ranges.
 * A DNS constraint {@code example.com} permits {@code example.com} and every name below it;
 * {@code .example.com} (OpenSSL's spelling) only the names below it.
 */
public record NameConstraintSet(List<String> permittedDns, List<Cidr> permittedIps, List<String> excludedDns, List<Cidr> excludedIps) {

  public static final NameConstraintSet NONE = new NameConstraintSet(List.of(), List.of(), List.of(), List.of());

  public NameConstraintSet {
    permittedDns = List.copyOf(permittedDns);
    permittedIps = List.copyOf(permittedIps);
    excludedDns = List.copyOf(excludedDns);
    excludedIps = List.copyOf(excludedIps);
  }

  /** Permitted subtrees as the user writes them: DNS names or CIDRs ({@code example.com}, {@code 10.0.0.0/8}). */
  public static NameConstraintSet permitting(List<String> entries) {
    List<String> dns = new ArrayList<>();
    List<Cidr> ips = new ArrayList<>();
    for (String entry : entries) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.indexOf('/') >= 0 || IpAddresses.parse(e).isPresent()) {
        ips.add(Cidr.parse(e).orElseThrow(() -> new IllegalArgumentException("name constraint \"" + entry + "\" is not a valid CIDR")));
        continue;
      }
      boolean dotted = e.startsWith(".");
      String name = Hostnames.parse(dotted ? e.substring(1) : e)
          .filter(n -> !Hostnames.isWildcard(n))
          .orElseThrow(() -> new IllegalArgumentException(
              "name constraint \"" + entry + "\" is neither a DNS name (example.com) nor a CIDR (10.0.0.0/8)"));
      dns.add(dotted ? "." + name : name);
    }
    return new NameConstraintSet(dns, ips, List.of(), List.of());
  }

  /** The constraints a CA certificate carries; {@link #NONE} when it has none. */
  public static NameConstraintSet of(X509Certificate certificate) {
    byte[] ext = certificate.getExtensionValue(Extension.nameConstraints.getId());
    if (ext == null) {
      return NONE;
    }
    NameConstraints nc = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
    List<String> pDns = new ArrayList<>();
    List<Cidr> pIp = new ArrayList<>();
    List<String> xDns = new ArrayList<>();
    List<Cidr> xIp = new ArrayList<>();
    collect(nc.getPermittedSubtrees(), pDns, pIp);
    collect(nc.getExcludedSubtrees(), xDns, xIp);
    return new NameConstraintSet(pDns, pIp, xDns, xIp);
  }

  public boolean isEmpty() {
    return permittedDns.isEmpty() && permittedIps.isEmpty() && excludedDns.isEmpty() && excludedIps.isEmpty();
  }

  /** The critical extension value, or empty when there is nothing to constrain. */
  public Optional<NameConstraints> toExtension() {
    if (isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NameConstraints(subtrees(permittedDns, permittedIps), subtrees(excludedDns, excludedIps)));
  }

  public boolean permitsDns(String name) {
    String n = Hostnames.normalize(name);
    if (excludedDns.stream().anyMatch(c -> dnsMatches(n, c))) {
      return false;
    }
    return permittedDns.isEmpty() || permittedDns.stream().anyMatch(c -> dnsMatches(n, c));
  }

  public boolean permitsIp(InetAddress ip) {
    if (excludedIps.stream().anyMatch(c -> c.contains(ip))) {
      return false;
    }
    return permittedIps.isEmpty() || permittedIps.stream().anyMatch(c -> c.contains(ip));
  }

  private static boolean dnsMatches(String name, String constraint) {
    if (constraint.isEmpty()) {
      return true;
    }
    if (constraint.startsWith(".")) {
      return name.endsWith(constraint);
    }
    return name.equals(constraint) || name.endsWith("." + constraint);
  }

  private static GeneralSubtree[] subtrees(List<String> dns, List<Cidr> ips) {
    if (dns.isEmpty() && ips.isEmpty()) {
      return null;
    }
    List<GeneralSubtree> out = new ArrayList<>();
    for (String d : dns) {
      out.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
    }
    for (Cidr c : ips) {
      byte[] addr = c.network().getAddress();
      byte[] value = new byte[addr.length * 2];
      System.arraycopy(addr, 0, value, 0, addr.length);
      for (int bit = 0; bit < c.prefixLength(); bit++) {
        value[addr.length + bit / 8] |= (byte) (0x80 >>> (bit % 8));
      }
      out.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(value))));
    }
    return out.toArray(GeneralSubtree[]::new);
  }

  private static void collect(GeneralSubtree[] trees, List<String> dns, List<Cidr> ips) {
    if (trees == null) {
      return;
    }
    for (GeneralSubtree t : trees) {
      GeneralName n = t.getBase();
      if (n.getTagNo() == GeneralName.dNSName) {
        dns.add(Hostnames.normalize(n.getName().toString()));
      } else if (n.getTagNo() == GeneralName.iPAddress) {
        byte[] v = ASN1OctetString.getInstance(n.getName()).getOctets();
        int len = v.length / 2;
        byte[] addr = new byte[len];
        System.arraycopy(v, 0, addr, 0, len);
        int prefix = 0;
        for (int i = len; i < v.length; i++) {
          prefix += Integer.bitCount(v[i] & 0xff);
        }
        try {
          ips.add(new Cidr(InetAddress.getByAddress(addr), prefix));
        } catch (UnknownHostException e) {
          throw new IllegalArgumentException("bad IP name constraint of " + v.length + " bytes", e);
        }
      }
    }
  }
}
