package dev.lanyard.e2e.examples;

import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of one {@code examples/<name>} folder in a temp dir, as a user would have it after a checkout, with every
 * {@code 127.0.0.1:PORT} in its {@code lanyard.yaml} and {@code nginx.conf} moved to a port that is free now, so the
 * test never collides with anything else on the machine. What the example's {@code .gitignore} names (a CA, issued
 * certificates, pid files left by someone following the walkthrough in the repo) is not copied.
 */
record ExampleCopy(String name, Path dir, Map<Integer, Integer> ports) {
  private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d{2,5})");
  private static final List<String> PORT_FILES = List.of("lanyard.yaml", "nginx.conf");

  static ExampleCopy of(String name, Path into) {
    Path source = Repo.root().resolve("examples").resolve(name);
    if (!Files.isDirectory(source)) {
      throw new AssertionError(source + " is missing");
    }
    Path dir = into.resolve(name);
    try {
      Set<String> ignored = ignoredTopLevel(source);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.toList()) {
          Path rel = source.relativize(f);
          if (rel.getNameCount() > 0 && ignored.contains(rel.getName(0).toString())) {
            continue;
          }
          Path target = dir.resolve(rel.toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(target);
          } else {
            Files.copy(f, target);
          }
        }
      }
      Map<Integer, Integer> ports = new LinkedHashMap<>();
      for (String file : PORT_FILES) {
        Path f = dir.resolve(file);
        if (Files.isRegularFile(f)) {
          Files.writeString(f, rewritePorts(Files.readString(f, StandardCharsets.UTF_8), ports));
        }
      }
      return new ExampleCopy(name, dir, Map.copyOf(ports));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + dir, e);
    }
  }

  /** The port a {@code 127.0.0.1:original} of the example now has in the copy. */
  int port(int original) {
    Integer p = ports.get(original);
    if (p == null) {
      throw new AssertionError("examples/" + name + " has no 127.0.0.1:" + original + " (ports: " + ports.keySet() + ")");
    }
    return p;
  }

  Path config() {
    return dir.resolve("lanyard.yaml");
  }

  Path file(String relative) {
    return dir.resolve(relative);
  }

  /** The example's {@code KEY=value} vars file (what Flux substitutes as {@code ${KEY}}). */
  Map<String, String> vars(String relative) {
    Map<String, String> vars = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file(relative))) {
        int eq = line.indexOf('=');
        if (!line.isBlank() && !line.strip().startsWith("#") && eq > 0) {
          vars.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return vars;
  }

  private static String rewritePorts(String text, Map<Integer, Integer> ports) {
    Matcher m = LOOPBACK_PORT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int original = Integer.parseInt(m.group(1));
      int port = ports.computeIfAbsent(original, o -> freePortNotIn(ports));
      m.appendReplacement(out, "127.0.0.1:" + port);
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int freePortNotIn(Map<Integer, Integer> taken) {
    Set<Integer> used = new HashSet<>(taken.values());
    for (int attempt = 0; attempt < 20; attempt++) {
      int p = FreePorts.tcpAndUdp();
      if (used.add(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no distinct free port");
  }

  /** Top-level names the example's .gitignore excludes ({@code /ca/}, {@code nginx.pid}, ...). */
  private static Set<String> ignoredTopLevel(Path source) throws IOException {
    Path gitignore = source.resolve(".gitignore");
    Set<String> out = new HashSet<>();
    if (Files.isRegularFile(gitignore)) {
      for (String line : Files.readAllLines(gitignore)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        l = l.replaceAll("^/", "").replaceAll("/$", "");
        if (!l.contains("/") && !l.contains("*")) {
          out.add(l);
        }
      }
    }
    return out;
  }
}
