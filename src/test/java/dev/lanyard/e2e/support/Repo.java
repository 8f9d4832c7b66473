package dev.lanyard.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the built jar are (set by the e2e module's surefire config). */
public final class Repo {
  private Repo() {}

  public static Path root() {
    return Path.of(System.getProperty("lanyard.root", "../..")).toAbsolutePath().normalize();
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("lanyard.jar", root().resolve("app/target/lanyard.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl app -am package");
    }
    return jar;
  }

  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Fails the test with an actionable message when a Debian peer is missing. */
  public static Path binary(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(name + " not found: install " + debianPackage + " (./test.sh installs it)");
  }
}
