package dev.lanyard.core.translate;

import dev.lanyard.core.config.GatewayConfig;
import dev.lanyard.core.config.LanyardConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses a Gateway answers with in one view, first non-empty of: the config override for
 * the view; the external-dns {@code target} annotation (public views only); {@code status.addresses};
 * {@code spec.addresses}; {@code spec.infrastructure.annotations["lbipam.cilium.io/ips"]}.
 */
final class GatewayAddresses {
  private GatewayAddresses() {}

  static List<String> forView(LanyardConfig config, Gateway gateway, String view) {
    String ns = gateway.getMetadata().getNamespace() == null ? "default" : gateway.getMetadata().getNamespace();
    GatewayConfig gc = config.gateways().get(ns + "/" + gateway.getMetadata().getName());
    if (gc != null) {
      Optional<List<String>> override = gc.addressesFor(view);
      if (override.isPresent()) {
        return override.get();
      }
    }
    Map<String, String> annotations =
        gateway.getMetadata().getAnnotations() == null ? Map.of() : gateway.getMetadata().getAnnotations();
    boolean isPublic = config.view(view).map(v -> v.isPublic()).orElse(false);
    if (isPublic) {
      Optional<List<String>> target = Annotations.externalDns(annotations, Annotations.TARGET).map(Annotations::commaList);
      if (target.isPresent() && !target.get().isEmpty()) {
        return target.get();
      }
    }
    if (gateway.getStatus() != null && gateway.getStatus().getAddresses() != null) {
      List<String> status = gateway.getStatus().getAddresses().stream()
          .map(GatewayStatusAddress::getValue).filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
      if (!status.isEmpty()) {
        return status;
      }
    }
    if (gateway.getSpec() != null && gateway.getSpec().getAddresses() != null) {
      List<String> spec = gateway.getSpec().getAddresses().stream()
          .map(GatewaySpecAddress::getValue).filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
      if (!spec.isEmpty()) {
        return spec;
      }
    }
    if (gateway.getSpec() != null && gateway.getSpec().getInfrastructure() != null
        && gateway.getSpec().getInfrastructure().getAnnotations() != null) {
      String ips = gateway.getSpec().getInfrastructure().getAnnotations().get(Annotations.CILIUM_IPS);
      if (ips != null) {
        return Annotations.commaList(ips);
      }
    }
    return List.of();
  }
}
