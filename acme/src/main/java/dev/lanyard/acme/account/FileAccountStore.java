package dev.lanyard.acme.account;

import dev.lanyard.core.files.AtomicFile;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account key in a PEM file (0600) and its account URLs in {@code <file>.json} beside it. The
 * key file is written once and never rewritten, so a key the user brought stays as it was.
 */
public final class FileAccountStore implements AccountStore {
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path keyFile;
  private final Path accountsFile;
  private final Object lock;

  public FileAccountStore(Path keyFile) {
    this.keyFile = keyFile;
    this.accountsFile = keyFile.resolveSibling(keyFile.getFileName() + ".json");
    this.lock = LOCKS.computeIfAbsent(keyFile.toAbsolutePath().normalize(), p -> new Object());
  }

  public Path accountsFile() {
    return accountsFile;
  }

  @Override
  public Optional<StoredAccount> load() throws IOException {
    synchronized (lock) {
      if (!Files.exists(keyFile)) {
        return Optional.empty();
      }
      KeyPair key = AccountKeys.fromPem(Files.readString(keyFile, StandardCharsets.US_ASCII), describe());
      return Optional.of(new StoredAccount(key, accounts()));
    }
  }

  @Override
  public StoredAccount create(KeyPair key) throws IOException {
    synchronized (lock) {
      Path dir = keyFile.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = privateTempFile(dir);
      try {
        Files.writeString(tmp, AccountKeys.toPem(key), StandardCharsets.US_ASCII);
        Files.move(tmp, keyFile);
      } catch (FileAlreadyExistsException e) {
        return load().orElseThrow(() -> e);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return new StoredAccount(key, accounts());
    }
  }

  @Override
  public void saveAccount(String directory, URL account) throws IOException {
    synchronized (lock) {
      Map<String, URL> all = new LinkedHashMap<>(accounts());
      all.put(directory, account);
      AtomicFile.write(accountsFile, AccountUrls.write(all), AtomicFile.PRIVATE);
    }
  }

  @Override
  public String describe() {
    return "file " + keyFile;
  }

  private Map<String, URL> accounts() throws IOException {
    if (!Files.exists(accountsFile)) {
      return Map.of();
    }
    return AccountUrls.parse(Files.readString(accountsFile, StandardCharsets.UTF_8), accountsFile.toString());
  }

  private static Path privateTempFile(Path dir) throws IOException {
    try {
      return Files.createTempFile(dir, ".acme-account", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, ".acme-account", ".tmp");
    }
  }
}
