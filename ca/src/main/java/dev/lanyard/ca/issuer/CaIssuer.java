package dev.lanyard.ca.issuer;

import dev.lanyard.ca.CaException;
import dev.lanyard.ca.CaSource;
import dev.lanyard.ca.CertificateAuthority;
import dev.lanyard.ca.x509.LeafSpec;
import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.IssuanceException;
import dev.lanyard.core.cert.IssuedCertificate;
import dev.lanyard.core.cert.Issuer;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.core.config.CertificatesConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal CA as an {@link Issuer}: signs a leaf for the request's names and the lifecycle's
 * key, returns it with the intermediates, and publishes the root as {@code ca.crt}. The CA is
 * read from its directory or Secret on every issuance, so a rotated CA is used at once.
 */
public final class CaIssuer implements Issuer {
  private static final Logger log = LoggerFactory.getLogger(CaIssuer.class);

  private final String name;
  private final CaSource source;
  private final Duration defaultDuration;
  private final Clock clock;

  public CaIssuer(String name, CaSource source, Duration defaultDuration, Clock clock) {
    this.name = name;
    this.source = source;
    this.defaultDuration = defaultDuration;
    this.clock = clock;
  }

  /**
   * Builds the issuer that {@code certificates.issuers[]} describes.
   *
   * @throws IllegalArgumentException when the entry has no {@code ca} section, or names a Secret without a cluster
   */
  public static CaIssuer fromConfig(CertificatesConfig.IssuerConfig cfg, Optional<KubernetesClient> kube) {
    return fromConfig(cfg, kube, Clock.systemUTC());
  }

  public static CaIssuer fromConfig(CertificatesConfig.IssuerConfig cfg, Optional<KubernetesClient> kube, Clock clock) {
    CertificatesConfig.Ca ca = cfg.ca()
        .orElseThrow(() -> new IllegalArgumentException("issuer \"" + cfg.name() + "\" is not a ca issuer"));
    CaSource source;
    if (ca.dir().isPresent()) {
      source = CaSource.directory(ca.dir().get());
    } else if (ca.secret().isPresent()) {
      KubernetesClient client = kube.orElseThrow(() -> new IllegalArgumentException("issuer \"" + cfg.name()
          + "\": ca.secret " + ca.secret().get() + " needs a Kubernetes cluster; without one use ca.dir"));
      source = CaSource.secret(client, ca.secret().get().namespace(), ca.secret().get().name());
    } else {
      throw new IllegalArgumentException("issuer \"" + cfg.name() + "\": set ca.dir or ca.secret");
    }
    return new CaIssuer(cfg.name(), source, ca.defaultDuration(), clock);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IssuedCertificate issue(CertificateRequest request, KeyPair keyPair, Optional<X509Certificate> replacing)
      throws IssuanceException {
    CertificateAuthority ca;
    try {
      ca = source.load();
    } catch (CaException e) {
      throw new IssuanceException("issuer " + name + ": " + e.getMessage(), e);
    }
    Duration duration = request.duration().orElse(defaultDuration);
    X509Certificate leaf;
    try {
      LeafSpec spec = new LeafSpec(request.dnsNames(), request.ipAddresses(), request.commonName(), duration);
      leaf = ca.issue(spec, keyPair.getPublic(), clock.instant());
    } catch (CaException | IllegalArgumentException e) {
      throw new IssuanceException("issuer " + name + ": " + e.getMessage(), e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(ca.intermediates());
    log.info("Issuer {} signed {} for {}: serial {}, valid until {}", name, request.name(), request.allNames(),
        SerialNumbers.hex(leaf.getSerialNumber()), leaf.getNotAfter().toInstant());
    return new IssuedCertificate(chain, Optional.of(ca.caCertificate()));
  }

  @Override
  public Optional<String> localProblem() {
    try {
      source.load();
      return Optional.empty();
    } catch (CaException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ca issuer " + name + " (" + source.describe() + ")";
  }
}
