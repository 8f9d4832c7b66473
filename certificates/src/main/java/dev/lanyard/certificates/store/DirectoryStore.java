package dev.lanyard.certificates.store;

import dev.lanyard.certificates.key.PrivateKeys;
import dev.lanyard.core.cert.Pem;
import dev.lanyard.core.files.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory laid out like certbot's: {@code fullchain.pem} (leaf and intermediates),
 * {@code privkey.pem} (PKCS#8, 0600), {@code cert.pem}, {@code chain.pem}, plus {@code ca.pem} when
 * the issuer knows its CA and {@code lanyard.properties} recording the issuer. Every file is
 * written to a temporary file and renamed into place. After a change the optional reload command
 * runs through {@code sh -c} in the directory. A failed run is noted in {@code lanyard-failure.properties}
 * (the certificate files stay as they are, and no reload runs); the next certificate written removes it.
 */
public final class DirectoryStore implements CertificateStore {
  public static final String FULLCHAIN = "fullchain.pem";
  public static final String PRIVKEY = "privkey.pem";
  public static final String CERT = "cert.pem";
  public static final String CHAIN = "chain.pem";
  public static final String CA = "ca.pem";
  public static final String METADATA = "lanyard.properties";
  public static final String FAILURE = "lanyard-failure.properties";

  private static final Logger log = LoggerFactory.getLogger(DirectoryStore.class);

  private final Path dir;
  private final Optional<ReloadCommand> reload;

  public DirectoryStore(Path dir, Optional<ReloadCommand> reload) {
    this.dir = dir;
    this.reload = reload;
  }

  @Override
  public String describe() {
    return "dir " + dir;
  }

  @Override
  public StoreContent read() throws StoreException {
    Path fullchain = dir.resolve(FULLCHAIN);
    Path privkey = dir.resolve(PRIVKEY);
    boolean hasChain = Files.exists(fullchain);
    boolean hasKey = Files.exists(privkey);
    if (!hasChain && !hasKey) {
      return new StoreContent.Empty();
    }
    if (!hasChain || !hasKey) {
      return new StoreContent.Invalid((hasChain ? PRIVKEY : FULLCHAIN) + " is missing");
    }
    try {
      List<X509Certificate> chain = Pem.decodeCertificates(Files.readString(fullchain, StandardCharsets.US_ASCII));
      if (chain.isEmpty()) {
        return new StoreContent.Invalid(FULLCHAIN + " holds no certificate");
      }
      PrivateKey key = PrivateKeys.read(Files.readString(privkey, StandardCharsets.US_ASCII));
      Optional<X509Certificate> ca = Optional.empty();
      if (Files.exists(dir.resolve(CA))) {
        ca = Pem.decodeCertificates(Files.readString(dir.resolve(CA), StandardCharsets.US_ASCII)).stream().findFirst();
      }
      return new StoreContent.Holds(new StoredCertificate(chain, key, ca, issuerName()));
    } catch (CertificateException | IllegalArgumentException e) {
      return new StoreContent.Invalid("a certificate file cannot be parsed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return new StoreContent.Invalid(PRIVKEY + ": " + e.getMessage());
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> write(String certificateName, StoredCertificate certificate) throws StoreException {
    try {
      Files.createDirectories(dir);
      writeAtomically(PRIVKEY, Pem.encodePrivateKey(certificate.key()), AtomicFile.PRIVATE);
      writeAtomically(CERT, Pem.encodeCertificates(List.of(certificate.leaf())), AtomicFile.PUBLIC);
      writeAtomically(CHAIN, Pem.encodeCertificates(certificate.intermediates()), AtomicFile.PUBLIC);
      writeAtomically(FULLCHAIN, Pem.encodeCertificates(certificate.chain()), AtomicFile.PUBLIC);
      if (certificate.ca().isPresent()) {
        writeAtomically(CA, Pem.encodeCertificates(List.of(certificate.ca().get())), AtomicFile.PUBLIC);
      } else {
        Files.deleteIfExists(dir.resolve(CA));
      }
      writeAtomically(METADATA, metadata(certificateName, certificate), AtomicFile.PUBLIC);
      Files.deleteIfExists(dir.resolve(FAILURE));
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot write: " + e.getMessage(), e);
    }
    log.info("Wrote {} to {}", certificate, describe());
    if (reload.isEmpty()) {
      return Optional.empty();
    }
    ReloadCommand.Result result = reload.get().run(dir);
    Optional<String> problem = result.problem(reload.get().command());
    if (problem.isPresent()) {
      log.warn("{}: {}", describe(), problem.get());
    } else {
      log.info("{}: reload command `{}` succeeded", describe(), reload.get().command());
    }
    return problem.map(p -> describe() + ": " + p);
  }

  @Override
  public Optional<FailureRecord> failure() throws StoreException {
    Path file = dir.resolve(FAILURE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      String error = p.getProperty("error");
      Instant at = Instant.parse(p.getProperty("at", ""));
      return error == null ? Optional.empty() : Optional.of(new FailureRecord(error, at));
    } catch (java.time.format.DateTimeParseException e) {
      log.warn("{}: {} has no valid time; ignoring it", describe(), FAILURE);
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot read " + FAILURE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void recordFailure(FailureRecord failure) throws StoreException {
    Properties p = new Properties();
    p.setProperty("error", failure.error());
    p.setProperty("at", failure.at().toString());
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
      StringBuilder text = new StringBuilder("# Written by Lanyard: the last run for this certificate failed; the files here are unchanged.\n");
      out.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> text.append(l).append('\n'));
      Files.createDirectories(dir);
      writeAtomically(FAILURE, text.toString(), AtomicFile.PUBLIC);
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot write " + FAILURE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void clearFailure() throws StoreException {
    try {
      Files.deleteIfExists(dir.resolve(FAILURE));
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot remove " + FAILURE + ": " + e.getMessage(), e);
    }
  }

  private Optional<String> issuerName() throws IOException {
    Path meta = dir.resolve(METADATA);
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(meta, StandardCharsets.UTF_8)));
    return Optional.ofNullable(p.getProperty("issuer-name")).filter(s -> !s.isBlank());
  }

  private static String metadata(String certificateName, StoredCertificate certificate) throws IOException {
    Properties p = new Properties();
    p.setProperty("certificate-name", certificateName);
    p.setProperty("issuer-name", certificate.issuerName().orElse(""));
    p.setProperty("serial", certificate.serialHex());
    StringWriter out = new StringWriter();
    p.store(out, null);
    StringBuilder text = new StringBuilder("# Written by Lanyard: which issuer made the files in this directory.\n");
    // Properties.store starts with a date comment; leave it out so equal content gives equal files.
    out.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> text.append(l).append('\n'));
    return text.toString();
  }

  private void writeAtomically(String name, String text, Set<PosixFilePermission> mode) throws IOException {
    AtomicFile.write(dir.resolve(name), text, mode);
  }
}
