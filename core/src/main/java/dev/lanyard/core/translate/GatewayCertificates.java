package dev.lanyard.core.translate;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Certificates requested by annotated Gateways, with cert-manager's gateway-shim rules
 * (compat.md D 1.1): one certificate per Secret named by HTTPS/TLS listeners, listeners sharing a
 * Secret merged into one certificate; Passthrough listeners and cross-namespace Secrets skipped
 * with a reason.
 */
final class GatewayCertificates {
  private final LanyardConfig config;
  private final CertificateStores stores;

  GatewayCertificates(LanyardConfig config, CertificateStores stores) {
    this.config = config;
    this.stores = stores;
  }

  List<CertificateRequest> requests(Gateway gw, Problems problems) {
    Map<String, String> a = Metadata.annotations(gw.getMetadata());
    String ns = Metadata.namespace(gw.getMetadata());
    ObjectRef ref = ObjectRef.of("gateway", ns, gw.getMetadata().getName());
    String issuer = a.get(Annotations.CM_ISSUER);
    String clusterIssuer = a.get(Annotations.CM_CLUSTER_ISSUER);
    String lanyardIssuer = a.get(Annotations.LANYARD_ISSUER);
    if (issuer == null && clusterIssuer == null && lanyardIssuer == null) {
      return List.of();
    }
    if (issuer != null && clusterIssuer != null) {
      problems.error(ref, "sets both " + Annotations.CM_ISSUER + " and " + Annotations.CM_CLUSTER_ISSUER + "; no certificate");
      return List.of();
    }
    String issuerName = lanyardIssuer != null ? lanyardIssuer : issuer != null ? issuer : clusterIssuer;
    if (config.certificates().issuer(issuerName).isEmpty()) {
      problems.warn(ref, "asks for issuer \"" + issuerName + "\", which is not in certificates.issuers");
    }
    Set<String> ignored = new LinkedHashSet<>(Annotations.commaList(a.getOrDefault(Annotations.CM_IGNORE_TLS_LISTENERS, "")));
    Map<String, Set<String>> hostsBySecret = new LinkedHashMap<>();
    List<Listener> listeners = gw.getSpec() == null || gw.getSpec().getListeners() == null ? List.of() : gw.getSpec().getListeners();
    for (Listener l : listeners) {
      String lname = "listener " + l.getName();
      if (!"HTTPS".equals(l.getProtocol()) && !"TLS".equals(l.getProtocol())) {
        continue;
      }
      if (ignored.contains(l.getName())) {
        continue;
      }
      if (l.getTls() != null && "Passthrough".equals(l.getTls().getMode())) {
        problems.warn(ref, lname + " is TLS Passthrough: the backend holds the certificate; skipped");
        continue;
      }
      if (l.getHostname() == null || l.getHostname().isBlank()) {
        problems.warn(ref, lname + " has no hostname, so there is no name to certify; skipped"
            + " (declare a cert-manager Certificate for its Secret instead)");
        continue;
      }
      if (l.getTls() == null || l.getTls().getCertificateRefs() == null || l.getTls().getCertificateRefs().isEmpty()) {
        problems.warn(ref, lname + " has no tls.certificateRefs; skipped");
        continue;
      }
      for (SecretObjectReference cr : l.getTls().getCertificateRefs()) {
        boolean coreGroup = cr.getGroup() == null || cr.getGroup().isEmpty() || cr.getGroup().equals("core");
        boolean secretKind = cr.getKind() == null || cr.getKind().isEmpty() || cr.getKind().equals("Secret");
        if (!coreGroup || !secretKind) {
          problems.warn(ref, lname + " refers to " + cr.getKind() + " " + cr.getName() + ", not a Secret; skipped");
          continue;
        }
        if (cr.getNamespace() != null && !cr.getNamespace().isEmpty() && !cr.getNamespace().equals(ns)) {
          problems.warn(ref, lname + " refers to Secret " + cr.getNamespace() + "/" + cr.getName()
              + " in another namespace; cross-namespace certificates are not issued");
          continue;
        }
        hostsBySecret.computeIfAbsent(cr.getName(), k -> new LinkedHashSet<>()).add(Hostnames.normalize(l.getHostname()));
      }
    }
    List<CertificateRequest> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : hostsBySecret.entrySet()) {
      List<String> dns = new ArrayList<>();
      List<String> ips = new ArrayList<>();
      List<String> all = new ArrayList<>(e.getValue());
      all.addAll(Annotations.commaList(a.getOrDefault(Annotations.CM_ALT_NAMES, "")));
      for (String h : all) {
        Optional<java.net.InetAddress> ip = IpAddresses.parse(h);
        if (ip.isPresent()) {
          ips.add(IpAddresses.canonical(ip.get()));
        } else if (Hostnames.parse(h).isPresent()) {
          dns.add(Hostnames.normalize(h));
        } else {
          problems.warn(ref, "\"" + h + "\" is neither a DNS name nor an IP; left out of the certificate");
        }
      }
      for (String ip : Annotations.commaList(a.getOrDefault(Annotations.CM_IP_SANS, ""))) {
        IpAddresses.parse(ip).ifPresentOrElse(x -> ips.add(IpAddresses.canonical(x)),
            () -> problems.warn(ref, Annotations.CM_IP_SANS + " entry \"" + ip + "\" is not an IP; ignored"));
      }
      List<StoreSpec> st = stores.forSecret(ns, e.getKey());
      if (st.isEmpty()) {
        problems.warn(ref, "certificate for Secret " + ns + "/" + e.getKey() + ": " + stores.noStoreHint());
        continue;
      }
      out.add(new CertificateRequest(ns + "/" + e.getKey(), issuerName, dns.stream().distinct().toList(),
          ips.stream().distinct().toList(), Optional.ofNullable(a.get(Annotations.CM_COMMON_NAME)),
          CertificateAnnotations.duration(a.get(Annotations.CM_DURATION), Annotations.CM_DURATION, ref, problems),
          CertificateAnnotations.duration(a.get(Annotations.CM_RENEW_BEFORE), Annotations.CM_RENEW_BEFORE, ref, problems),
          CertificateAnnotations.privateKey(a.get(Annotations.CM_KEY_ALGORITHM),
              CertificateAnnotations.size(a.get(Annotations.CM_KEY_SIZE), ref, problems), a.get(Annotations.CM_KEY_ROTATION),
              ref, problems),
          st, "gateway/" + ns + "/" + gw.getMetadata().getName()));
    }
    return out;
  }
}
