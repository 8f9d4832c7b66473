package dev.lanyard.ca;

import dev.lanyard.ca.pem.KeyPem;
import dev.lanyard.ca.x509.LeafSpec;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.cert.SerialNumbers;
import dev.lanyard.core.files.AtomicFile;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.net.IpAddresses;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lanyard ca issue}: signs one server certificate with a CA directory and writes it like
 * the directory store does: {@code cert.pem}, {@code chain.pem}, {@code fullchain.pem},
 * {@code privkey.pem} (0600, a new ECDSA P-256 key) and {@code ca.pem} (what clients trust).
 */
public final class CaIssueByHand {
  public static final List<String> FILES = List.of("cert.pem", "chain.pem", "fullchain.pem", "privkey.pem", "ca.pem");

  private CaIssueByHand() {}

  /** What was written; {@link #summary()} is what the CLI prints. */
  public record Result(Path dir, List<String> names, BigInteger serial, Instant notAfter, boolean clamped) {

    public String serialHex() {
      return SerialNumbers.hex(serial);
    }

    public String summary() {
      return "Issued a certificate for " + String.join(", ", names) + "\n"
          + "  serial:      " + serialHex() + "\n"
          + "  valid until: " + notAfter + (clamped ? " (cut to the CA's own expiry)" : "") + "\n"
          + "  files:       " + String.join(", ", FILES.stream().map(f -> dir.resolve(f).toString()).toList()) + "\n";
    }
  }

  public static Result run(Path caDir, List<String> dnsNames, List<String> ipAddresses, Duration duration, Path outDir)
      throws CaException {
    return run(caDir, dnsNames, ipAddresses, duration, outDir, Clock.systemUTC());
  }

  public static Result run(Path caDir, List<String> dnsNames, List<String> ipAddresses, Duration duration, Path outDir,
      Clock clock) throws CaException {
    List<String> dns = new ArrayList<>();
    for (String d : dnsNames) {
      dns.add(Hostnames.parse(d).orElseThrow(() -> new CaException("\"" + d + "\" is not a valid DNS name")));
    }
    List<String> ips = new ArrayList<>();
    for (String ip : ipAddresses) {
      ips.add(IpAddresses.parse(ip).map(IpAddresses::canonical)
          .orElseThrow(() -> new CaException("\"" + ip + "\" is not a valid IP address")));
    }
    if (dns.isEmpty() && ips.isEmpty()) {
      throw new CaException("name at least one --dns name or --ip address");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new CaException("the duration must be positive");
    }
    CertificateAuthority ca = CaDirectory.load(caDir);
    KeyPair key = KeyKind.ECDSA_P256.generate();
    Instant now = clock.instant();
    X509Certificate leaf = ca.issue(new LeafSpec(dns, ips, Optional.empty(), duration), key.getPublic(), now);
    List<X509Certificate> chain = ca.intermediates();
    List<X509Certificate> full = new ArrayList<>();
    full.add(leaf);
    full.addAll(chain);
    try {
      AtomicFile.write(outDir.resolve("privkey.pem"), KeyPem.writePkcs8(key.getPrivate()), AtomicFile.PRIVATE);
      AtomicFile.write(outDir.resolve("cert.pem"), Pem.encodeCertificates(List.of(leaf)), AtomicFile.PUBLIC);
      AtomicFile.write(outDir.resolve("chain.pem"), Pem.encodeCertificates(chain), AtomicFile.PUBLIC);
      AtomicFile.write(outDir.resolve("fullchain.pem"), Pem.encodeCertificates(full), AtomicFile.PUBLIC);
      AtomicFile.write(outDir.resolve("ca.pem"), Pem.encodeCertificates(List.of(ca.caCertificate())), AtomicFile.PUBLIC);
    } catch (IOException e) {
      throw new CaException("cannot write the certificate to " + outDir + ": " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>(dns);
    names.addAll(ips);
    Instant notAfter = leaf.getNotAfter().toInstant();
    boolean clamped = notAfter.isBefore(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(duration));
    return new Result(outDir, names, leaf.getSerialNumber(), notAfter, clamped);
  }
}
