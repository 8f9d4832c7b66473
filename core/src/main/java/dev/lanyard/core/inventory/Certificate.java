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

/**
 * cert-manager's {@code Certificate} ({@code cert-manager.io/v1}), read so that the users'
 * existing manifests keep working: the fields Lanyard honours are below, the rest is ignored.
 */
@Group("cert-manager.io")
@Version("v1")
@Kind("Certificate")
@Plural("certificates")
public class Certificate extends CustomResource<Certificate.Spec, Void> implements Namespaced {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec {
    private String secretName;
    private IssuerRef issuerRef;
    private List<String> dnsNames = new ArrayList<>();
    private List<String> ipAddresses = new ArrayList<>();
    private String commonName;
    private String duration;
    private String renewBefore;
    private PrivateKey privateKey;

    public String getSecretName() {
      return secretName;
    }

    public void setSecretName(String secretName) {
      this.secretName = secretName;
    }

    public IssuerRef getIssuerRef() {
      return issuerRef;
    }

    public void setIssuerRef(IssuerRef issuerRef) {
      this.issuerRef = issuerRef;
    }

    public List<String> getDnsNames() {
      return dnsNames;
    }

    public void setDnsNames(List<String> dnsNames) {
      this.dnsNames = dnsNames == null ? new ArrayList<>() : dnsNames;
    }

    public List<String> getIpAddresses() {
      return ipAddresses;
    }

    public void setIpAddresses(List<String> ipAddresses) {
      this.ipAddresses = ipAddresses == null ? new ArrayList<>() : ipAddresses;
    }

    public String getCommonName() {
      return commonName;
    }

    public void setCommonName(String commonName) {
      this.commonName = commonName;
    }

    public String getDuration() {
      return duration;
    }

    public void setDuration(String duration) {
      this.duration = duration;
    }

    public String getRenewBefore() {
      return renewBefore;
    }

    public void setRenewBefore(String renewBefore) {
      this.renewBefore = renewBefore;
    }

    public PrivateKey getPrivateKey() {
      return privateKey;
    }

    public void setPrivateKey(PrivateKey privateKey) {
      this.privateKey = privateKey;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class IssuerRef {
    private String name;
    private String kind;
    private String group;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public String getGroup() {
      return group;
    }

    public void setGroup(String group) {
      this.group = group;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class PrivateKey {
    private String algorithm;
    private Integer size;
    private String rotationPolicy;

    public String getAlgorithm() {
      return algorithm;
    }

    public void setAlgorithm(String algorithm) {
      this.algorithm = algorithm;
    }

    public Integer getSize() {
      return size;
    }

    public void setSize(Integer size) {
      this.size = size;
    }

    public String getRotationPolicy() {
      return rotationPolicy;
    }

    public void setRotationPolicy(String rotationPolicy) {
      this.rotationPolicy = rotationPolicy;
    }
  }
}
