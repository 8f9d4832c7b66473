package dev.lanyard.ca;

import dev.lanyard.ca.x509.NameConstraintSet;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code lanyard ca init}: creates a root, and optionally an intermediate, in a directory. */
public final class CaInit {

  private CaInit() {}

  /** What was created; {@link #summary()} is what the CLI prints. */
  public record Result(Path dir, KeyKind key, X509Certificate root, Optional<X509Certificate> intermediate,
      NameConstraintSet constraints) {

    public String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append("Created CA in ").append(dir).append('\n');
      line(sb, "root", root);
      intermediate.ifPresent(i -> line(sb, "intermediate", i));
      sb.append("  key type:      ").append(key.id()).append('\n');
      if (!constraints.isEmpty()) {
        List<String> permitted = new java.util.ArrayList<>(constraints.permittedDns());
        constraints.permittedIps().forEach(c -> permitted.add(c.network().getHostAddress() + "/" + c.prefixLength()));
        sb.append("  constrained to: ").append(String.join(", ", permitted)).append('\n');
      }
      sb.append("  files:         ").append(CaDirectory.ROOT).append(", ").append(CaDirectory.ROOT_KEY);
      if (intermediate.isPresent()) {
        sb.append(", ").append(CaDirectory.INTERMEDIATE).append(", ").append(CaDirectory.INTERMEDIATE_KEY);
      }
      sb.append(", ").append(CaDirectory.CHAIN).append(" (keys are 0600)\n");
      sb.append("Clients trust ").append(dir.resolve(CaDirectory.ROOT)).append('\n');
      return sb.toString();
    }

    private static void line(StringBuilder sb, String what, X509Certificate c) {
      sb.append("  ").append(what).append(": ").append(c.getSubjectX500Principal().getName()).append('\n');
      sb.append("    valid until ").append(c.getNotAfter().toInstant()).append(", SHA-256 ").append(fingerprint(c)).append('\n');
    }
  }

  public static Result run(Path dir, String name, KeyKind kind, boolean intermediate, List<String> nameConstraints)
      throws CaException {
    return run(dir, name, kind, intermediate, nameConstraints, Clock.systemUTC());
  }

  public static Result run(Path dir, String name, KeyKind kind, boolean intermediate, List<String> nameConstraints, Clock clock)
      throws CaException {
    CaDirectory.Spec spec;
    try {
      spec = CaDirectory.Spec.of(name, kind, intermediate, nameConstraints);
    } catch (IllegalArgumentException e) {
      throw new CaException(e.getMessage(), e);
    }
    CertificateAuthority ca = CaDirectory.init(dir, spec, clock);
    X509Certificate root = ca.root().orElseThrow();
    Optional<X509Certificate> inter = intermediate ? Optional.of(ca.certificate()) : Optional.empty();
    return new Result(dir, kind, root, inter, spec.constraints());
  }

  /** SHA-256 fingerprint in OpenSSL's colon form. */
  public static String fingerprint(X509Certificate c) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }
}
