package dev.lanyard.core.translate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation and label keys Lanyard honours. external-dns keys are read under both
 * {@code external-dns.alpha.kubernetes.io/} and {@code external-dns.kubernetes.io/}; the alpha
 * prefix wins when both are set.
 */
public final class Annotations {
  public static final List<String> EXTERNAL_DNS_PREFIXES =
      List.of("external-dns.alpha.kubernetes.io/", "external-dns.kubernetes.io/");

  public static final String HOSTNAME = "hostname";
  public static final String TARGET = "target";
  public static final String TTL = "ttl";
  public static final String CONTROLLER = "controller";
  public static final String GATEWAY_HOSTNAME_SOURCE = "gateway-hostname-source";
  public static final String INGRESS_HOSTNAME_SOURCE = "ingress-hostname-source";
  /** Provider-specific suffixes copied onto record sets (see RecordSet#providerSpecific). */
  public static final List<String> PROVIDER_SPECIFIC =
      List.of("cloudflare-proxied", "cloudflare-record-comment", "cloudflare-tags");

  public static final String COREDNS_HOSTNAME = "coredns.io/hostname";
  public static final String K8S_GATEWAY_IGNORE = "k8s-gateway.dns/ignore";
  public static final String LANYARD_VIEWS = "lanyard.dev/views";
  public static final String LANYARD_ISSUER = "lanyard.dev/issuer";

  public static final String CM_ISSUER = "cert-manager.io/issuer";
  public static final String CM_CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
  public static final String CM_IGNORE_TLS_LISTENERS = "cert-manager.io/ignore-tls-listeners";
  public static final String CM_COMMON_NAME = "cert-manager.io/common-name";
  public static final String CM_ALT_NAMES = "cert-manager.io/alt-names";
  public static final String CM_IP_SANS = "cert-manager.io/ip-sans";
  public static final String CM_DURATION = "cert-manager.io/duration";
  public static final String CM_RENEW_BEFORE = "cert-manager.io/renew-before";
  public static final String CM_KEY_ALGORITHM = "cert-manager.io/private-key-algorithm";
  public static final String CM_KEY_SIZE = "cert-manager.io/private-key-size";
  public static final String CM_KEY_ROTATION = "cert-manager.io/private-key-rotation-policy";

  public static final String CILIUM_IPS = "lbipam.cilium.io/ips";
  public static final String METALLB_IPS = "metallb.universe.tf/loadBalancerIPs";

  private Annotations() {}

  /** The value of an external-dns annotation under either prefix. */
  public static Optional<String> externalDns(Map<String, String> annotations, String suffix) {
    for (String prefix : EXTERNAL_DNS_PREFIXES) {
      String v = annotations.get(prefix + suffix);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** A comma list as external-dns reads it: all whitespace removed, empty items dropped. */
  public static List<String> commaList(String value) {
    return Arrays.stream(value.replaceAll("\\s+", "").split(","))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** True for the {@code k8s-gateway.dns/ignore} label with any value but "false". */
  public static boolean ignored(Map<String, String> labels) {
    String v = labels.get(K8S_GATEWAY_IGNORE);
    return v != null && !v.equalsIgnoreCase("false");
  }

  /** external-dns ignores objects whose {@code controller} annotation names another controller. */
  public static boolean otherController(Map<String, String> annotations) {
    return externalDns(annotations, CONTROLLER).filter(c -> !c.equals("dns-controller")).isPresent();
  }

  /** Provider-specific properties from external-dns annotations, keyed by suffix. */
  public static Map<String, String> providerSpecific(Map<String, String> annotations) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    for (String suffix : PROVIDER_SPECIFIC) {
      externalDns(annotations, suffix).ifPresent(v -> out.put(suffix, v.trim()));
    }
    return out;
  }
}
