package dev.lanyard.ca;

import dev.lanyard.ca.pem.KeyPem;
import dev.lanyard.ca.x509.CaCertificates;
import dev.lanyard.ca.x509.NameConstraintSet;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CA kept in a directory, as {@code lanyard ca init} writes it:
 * <pre>
 * root.pem              the self-signed root (give this to clients)
 * root-key.pem          its key, 0600
 * intermediate.pem      the intermediate, with --intermediate
 * intermediate-key.pem  its key, 0600
 * ca.pem                the signing chain: the signing CA first, then its issuers up to the root
 * </pre>
 * The intermediate signs when present, else the root.
 */
public final class CaDirectory {
  public static final String ROOT = "root.pem";
  public static final String ROOT_KEY = "root-key.pem";
  public static final String INTERMEDIATE = "intermediate.pem";
  public static final String INTERMEDIATE_KEY = "intermediate-key.pem";
  public static final String CHAIN = "ca.pem";

  private static final Logger log = LoggerFactory.getLogger(CaDirectory.class);
  /** CA certificates start a little in the past so that clients with a slow clock accept them. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private CaDirectory() {}

  /**
   * What {@code lanyard ca init} creates.
   *
   * @param rootValidity lifetime of the root (10 years by default)
   * @param intermediateValidity lifetime of the intermediate (5 years by default), never past the root's
   */
  public record Spec(String name, KeyKind key, boolean intermediate, NameConstraintSet constraints, Duration rootValidity,
      Duration intermediateValidity) {

    public static Spec of(String name, KeyKind key, boolean intermediate, List<String> nameConstraints) {
      return new Spec(name, key, intermediate, NameConstraintSet.permitting(nameConstraints), Duration.ofDays(3650),
          Duration.ofDays(1825));
    }
  }

  /** Creates a new CA in {@code dir}; refuses to touch a directory that already holds one. */
  public static CertificateAuthority init(Path dir, Spec spec, Clock clock) throws CaException {
    for (String f : List.of(ROOT, ROOT_KEY, INTERMEDIATE, INTERMEDIATE_KEY, CHAIN)) {
      if (Files.exists(dir.resolve(f))) {
        throw new CaException(dir + " already holds a CA (" + f + "); refusing to overwrite it. Choose another --dir or remove the old CA");
      }
    }
    if (spec.name().isBlank()) {
      throw new CaException("the CA needs a name");
    }
    Instant notBefore = clock.instant().minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      KeyPair rootKey = spec.key().generate();
      X509Certificate root = CaCertificates.root(spec.name(), rootKey, notBefore, notBefore.plus(spec.rootValidity()),
          spec.intermediate() ? 1 : 0, spec.constraints());
      List<X509Certificate> chain = new ArrayList<>();
      AtomicFile.write(dir.resolve(ROOT_KEY), KeyPem.writePkcs8(rootKey.getPrivate()), AtomicFile.PRIVATE);
      AtomicFile.write(dir.resolve(ROOT), Pem.encodeCertificates(List.of(root)), AtomicFile.PUBLIC);
      PrivateKey signingKey = rootKey.getPrivate();
      if (spec.intermediate()) {
        KeyPair intKey = spec.key().generate();
        X509Certificate intermediate = CaCertificates.intermediate(spec.name() + " Intermediate", intKey, root,
            rootKey.getPrivate(), notBefore, notBefore.plus(spec.intermediateValidity()), 0, spec.constraints());
        AtomicFile.write(dir.resolve(INTERMEDIATE_KEY), KeyPem.writePkcs8(intKey.getPrivate()), AtomicFile.PRIVATE);
        AtomicFile.write(dir.resolve(INTERMEDIATE), Pem.encodeCertificates(List.of(intermediate)), AtomicFile.PUBLIC);
        chain.add(intermediate);
        signingKey = intKey.getPrivate();
      }
      chain.add(root);
      AtomicFile.write(dir.resolve(CHAIN), Pem.encodeCertificates(chain), AtomicFile.PUBLIC);
      log.info("Created CA \"{}\" ({}{}) in {}", spec.name(), spec.key().id(), spec.intermediate() ? ", with intermediate" : "", dir);
      return CertificateAuthority.of(chain, signingKey, "dir " + dir);
    } catch (IOException e) {
      throw new CaException("cannot write the CA to " + dir + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new CaException("cannot create the CA: " + e.getMessage(), e);
    }
  }

  /** Loads the CA that {@link #init} wrote: the intermediate signs when present, else the root. */
  public static CertificateAuthority load(Path dir) throws CaException {
    String source = "dir " + dir;
    if (!Files.isRegularFile(dir.resolve(ROOT))) {
      throw new CaException(source + ": " + ROOT + " not found; create a CA with `lanyard ca init --dir " + dir + "`");
    }
    X509Certificate root = single(dir.resolve(ROOT), source);
    if (Files.isRegularFile(dir.resolve(INTERMEDIATE))) {
      X509Certificate intermediate = single(dir.resolve(INTERMEDIATE), source);
      return CertificateAuthority.of(List.of(intermediate, root), key(dir.resolve(INTERMEDIATE_KEY), source), source);
    }
    return CertificateAuthority.of(List.of(root), key(dir.resolve(ROOT_KEY), source), source);
  }

  private static X509Certificate single(Path file, String source) throws CaException {
    try {
      List<X509Certificate> certs = Pem.decodeCertificates(Files.readString(file, StandardCharsets.US_ASCII));
      return certs.stream().findFirst()
          .orElseThrow(() -> new CaException(source + ": " + file.getFileName() + " holds no certificate"));
    } catch (IOException | CertificateException | IllegalArgumentException e) {
      throw new CaException(source + ": cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey key(Path file, String source) throws CaException {
    if (!Files.isRegularFile(file)) {
      throw new CaException(source + ": " + file.getFileName() + " not found");
    }
    if (AtomicFile.readableByOthers(file)) {
      log.warn("{} is readable by group or others; run chmod 600 {}", file, file);
    }
    try {
      return KeyPem.read(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException | GeneralSecurityException e) {
      throw new CaException(source + ": cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
