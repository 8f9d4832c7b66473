package dev.lanyard.core.translate;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.Certificate;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cert-manager {@code Certificate} resources the users already have: {@code issuerRef.name} names a
 * Lanyard issuer, {@code secretName} the Secret (and directory) to write.
 */
final class CertificateResources {
  private final LanyardConfig config;
  private final CertificateStores stores;

  CertificateResources(LanyardConfig config, CertificateStores stores) {
    this.config = config;
    this.stores = stores;
  }

  Optional<CertificateRequest> request(Certificate c, Problems problems) {
    String ns = Metadata.namespace(c.getMetadata());
    ObjectRef ref = ObjectRef.of("certificate", ns, c.getMetadata().getName());
    Certificate.Spec spec = c.getSpec();
    if (spec == null || spec.getSecretName() == null || spec.getSecretName().isBlank()) {
      problems.warn(ref, "has no spec.secretName; skipped");
      return Optional.empty();
    }
    if (spec.getIssuerRef() == null || spec.getIssuerRef().getName() == null) {
      problems.warn(ref, "has no spec.issuerRef.name; skipped");
      return Optional.empty();
    }
    String issuer = spec.getIssuerRef().getName();
    if (config.certificates().issuer(issuer).isEmpty()) {
      problems.warn(ref, "asks for issuer \"" + issuer + "\", which is not in certificates.issuers");
    }
    List<String> dns = new ArrayList<>();
    for (String d : spec.getDnsNames()) {
      Hostnames.parse(d).ifPresentOrElse(dns::add,
          () -> problems.warn(ref, "dnsName \"" + d + "\" is not a valid DNS name; left out"));
    }
    List<String> ips = new ArrayList<>();
    for (String ip : spec.getIpAddresses()) {
      IpAddresses.parse(ip).ifPresentOrElse(x -> ips.add(IpAddresses.canonical(x)),
          () -> problems.warn(ref, "ipAddress \"" + ip + "\" is not an IP; left out"));
    }
    if (dns.isEmpty() && ips.isEmpty()) {
      problems.warn(ref, "has no usable dnsNames or ipAddresses; skipped");
      return Optional.empty();
    }
    List<StoreSpec> st = stores.forSecret(ns, spec.getSecretName());
    if (st.isEmpty()) {
      problems.warn(ref, "Secret " + ns + "/" + spec.getSecretName() + ": " + stores.noStoreHint());
      return Optional.empty();
    }
    Certificate.PrivateKey pk = spec.getPrivateKey();
    return Optional.of(new CertificateRequest(ns + "/" + spec.getSecretName(), issuer, dns.stream().distinct().toList(),
        ips.stream().distinct().toList(), Optional.ofNullable(spec.getCommonName()),
        CertificateAnnotations.duration(spec.getDuration(), "spec.duration", ref, problems),
        CertificateAnnotations.duration(spec.getRenewBefore(), "spec.renewBefore", ref, problems),
        CertificateAnnotations.privateKey(pk == null ? null : pk.getAlgorithm(), pk == null ? null : pk.getSize(),
            pk == null ? null : pk.getRotationPolicy(), ref, problems),
        st, ref.toString()));
  }
}
