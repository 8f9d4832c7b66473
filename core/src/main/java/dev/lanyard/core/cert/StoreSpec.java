package dev.lanyard.core.cert;

import java.nio.file.Path;
import java.util.Optional;

/** Where an issued certificate is written. */
public sealed interface StoreSpec {

  /**
   * A directory with {@code fullchain.pem}, {@code privkey.pem} (0600), {@code chain.pem} and
   * {@code cert.pem}; {@code reload} is a shell command run after each change.
   */
  record Directory(Path dir, Optional<String> reload) implements StoreSpec {
    @Override
    public String toString() {
      return "dir " + dir;
    }
  }

  /** A {@code kubernetes.io/tls} Secret. */
  record Secret(String namespace, String name) implements StoreSpec {
    @Override
    public String toString() {
      return "secret " + namespace + "/" + name;
    }
  }
}
