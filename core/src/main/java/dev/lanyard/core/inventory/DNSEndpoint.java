package dev.lanyard.core.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** external-dns's {@code DNSEndpoint} ({@code externaldns.k8s.io/v1alpha1}). */
@Group("externaldns.k8s.io")
@Version("v1alpha1")
@Kind("DNSEndpoint")
@Plural("dnsendpoints")
public class DNSEndpoint extends CustomResource<DNSEndpoint.Spec, Void> implements Namespaced {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec {
    private List<Endpoint> endpoints = new ArrayList<>();

    public List<Endpoint> getEndpoints() {
      return endpoints;
    }

    public void setEndpoints(List<Endpoint> endpoints) {
      this.endpoints = endpoints == null ? new ArrayList<>() : endpoints;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Endpoint {
    private String dnsName;
    private String recordType;
    private List<String> targets = new ArrayList<>();
    private Long recordTTL;
    private Map<String, String> labels;
    private List<ProviderSpecificProperty> providerSpecific;
    private String setIdentifier;

    public String getDnsName() {
      return dnsName;
    }

    public void setDnsName(String dnsName) {
      this.dnsName = dnsName;
    }

    public String getRecordType() {
      return recordType;
    }

    public void setRecordType(String recordType) {
      this.recordType = recordType;
    }

    public List<String> getTargets() {
      return targets;
    }

    public void setTargets(List<String> targets) {
      this.targets = targets == null ? new ArrayList<>() : targets;
    }

    public Long getRecordTTL() {
      return recordTTL;
    }

    public void setRecordTTL(Long recordTTL) {
      this.recordTTL = recordTTL;
    }

    public Map<String, String> getLabels() {
      return labels;
    }

    public void setLabels(Map<String, String> labels) {
      this.labels = labels;
    }

    public List<ProviderSpecificProperty> getProviderSpecific() {
      return providerSpecific;
    }

    public void setProviderSpecific(List<ProviderSpecificProperty> providerSpecific) {
      this.providerSpecific = providerSpecific;
    }

    public String getSetIdentifier() {
      return setIdentifier;
    }

    public void setSetIdentifier(String setIdentifier) {
      this.setIdentifier = setIdentifier;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class ProviderSpecificProperty {
    private String name;
    private String value;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }
  }
}
