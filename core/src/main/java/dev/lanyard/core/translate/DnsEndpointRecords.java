package dev.lanyard.core.translate;

import dev.lanyard.core.inventory.DNSEndpoint;
import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.core.net.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Claims of external-dns DNSEndpoints: A, AAAA, CNAME and TXT; invalid targets are dropped with a warning. */
final class DnsEndpointRecords {
  private final ViewAssignment views;

  DnsEndpointRecords(ViewAssignment views) {
    this.views = views;
  }

  List<Contribution> claims(DNSEndpoint e, Problems problems) {
    Map<String, String> annotations = Metadata.annotations(e.getMetadata());
    if (Annotations.ignored(Metadata.labels(e.getMetadata())) || e.getSpec() == null) {
      return List.of();
    }
    String ns = Metadata.namespace(e.getMetadata());
    ObjectRef ref = ObjectRef.of("dnsendpoint", ns, e.getMetadata().getName());
    List<String> inViews = views.forObject(ref, annotations, problems);
    List<Contribution> out = new ArrayList<>();
    for (DNSEndpoint.Endpoint ep : e.getSpec().getEndpoints()) {
      Optional<String> name = ep.getDnsName() == null ? Optional.empty() : Hostnames.parse(ep.getDnsName());
      if (name.isEmpty()) {
        problems.warn(ref, "dnsName \"" + ep.getDnsName() + "\" is not a valid DNS name; endpoint dropped");
        continue;
      }
      Optional<RecordType> type = RecordType.parse(ep.getRecordType() == null ? "A" : ep.getRecordType());
      if (type.isEmpty()) {
        problems.warn(ref, name.get() + ": record type " + ep.getRecordType() + " is not supported (A, AAAA, CNAME, TXT); dropped");
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String t : ep.getTargets()) {
        Optional<String> v = value(type.get(), t);
        if (v.isEmpty()) {
          problems.warn(ref, name.get() + " " + type.get() + ": target \"" + t + "\" is not valid for this type; dropped");
        } else {
          values.add(v.get());
        }
      }
      if (type.get() == RecordType.CNAME && values.size() > 1) {
        problems.warn(ref, name.get() + " CNAME has " + values.size() + " targets; only " + values.get(0) + " is used");
        values = List.of(values.get(0));
      }
      if (values.isEmpty()) {
        continue;
      }
      OptionalLong ttl = ep.getRecordTTL() != null && ep.getRecordTTL() > 0 ? OptionalLong.of(ep.getRecordTTL()) : OptionalLong.empty();
      Map<String, String> ps = providerSpecific(ep);
      for (String view : inViews) {
        out.add(new Contribution(view, name.get(), type.get(), values, ttl, ref, Metadata.created(e.getMetadata()), ps));
      }
    }
    return out;
  }

  private static Optional<String> value(RecordType type, String target) {
    if (target == null) {
      return Optional.empty();
    }
    return switch (type) {
      case A -> IpAddresses.parse(target).filter(a -> a instanceof java.net.Inet4Address).map(IpAddresses::canonical);
      case AAAA -> IpAddresses.parse(target).filter(a -> a instanceof java.net.Inet6Address).map(IpAddresses::canonical);
      case CNAME -> Hostnames.parse(target).filter(h -> !Hostnames.isWildcard(h));
      case TXT -> target.length() <= 4000 ? Optional.of(target) : Optional.empty();
    };
  }

  private static Map<String, String> providerSpecific(DNSEndpoint.Endpoint ep) {
    Map<String, String> out = new TreeMap<>();
    if (ep.getProviderSpecific() != null) {
      for (DNSEndpoint.ProviderSpecificProperty p : ep.getProviderSpecific()) {
        if (p.getName() == null || p.getValue() == null) {
          continue;
        }
        String key = p.getName();
        for (String prefix : Annotations.EXTERNAL_DNS_PREFIXES) {
          if (key.startsWith(prefix)) {
            key = key.substring(prefix.length());
          }
        }
        if (Annotations.PROVIDER_SPECIFIC.contains(key)) {
          out.put(key, p.getValue());
        }
      }
    }
    return out;
  }
}
