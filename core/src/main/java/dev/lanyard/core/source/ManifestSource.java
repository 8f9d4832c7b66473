package dev.lanyard.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.core.config.SourcesConfig;
import dev.lanyard.core.files.IoReasons;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitOps folder: every {@code .yaml}/{@code .yml} below the configured paths (hidden
 * directories skipped), {@code ${VAR}} filled from the vars file, namespaces defaulted from the
 * nearest {@code kustomization.yaml}. Reloads within a second of a change (inotify, with a slow
 * rescan as a safety net). A file that stops parsing keeps its last good objects and is reported
 * with file and line.
 */
public final class ManifestSource implements Source {
  private static final Logger log = LoggerFactory.getLogger(ManifestSource.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long SETTLE_MILLIS = 100;
  private static final long RESCAN_MILLIS = 5_000;

  private final SourcesConfig.Manifests config;
  private final Clock clock;
  private final Map<Path, Cached> cache = new HashMap<>();
  private String varsFingerprint = "";
  private volatile boolean closed;
  private WatchService watcher;
  private Thread thread;
  private Instant lastChange;
  private SourceSnapshot last;

  private record Cached(long modified, long size, String varsFingerprint, ManifestParser.Parsed parsed,
      ManifestParser.Parsed lastGood) {}

  public ManifestSource(SourcesConfig.Manifests config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "manifests";
  }

  /** Reads everything once, synchronously. */
  public synchronized SourceSnapshot load() {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> vars = Map.of();
    if (config.vars().isPresent()) {
      try {
        vars = VarsFile.read(config.vars().get());
      } catch (IOException e) {
        problems.add(Problem.error(config.vars().get().toString(), "cannot read the vars file: " + IoReasons.of(e)));
      }
    }
    String fingerprint = new TreeMap<>(vars).toString();
    Map<Path, String> namespaces = new HashMap<>();
    List<Inventory> parts = new ArrayList<>();
    List<Path> missingRoots = config.paths().stream().filter(r -> !Files.exists(r)).toList();
    List<Path> files = files(missingRoots, problems);
    Map<Path, Cached> next = new HashMap<>();
    for (Path f : files) {
      Cached c = read(f, vars, fingerprint, namespaceFor(f, namespaces), problems);
      next.put(f, c);
      problems.addAll(c.parsed().problems());
      if (c.lastGood() != null) {
        parts.add(c.lastGood().inventory());
      }
    }
    // A whole path that vanished (an unmounted volume, a checkout in progress) is a failure, not a
    // deletion: its files keep their last good objects until the path is back.
    for (Map.Entry<Path, Cached> e : cache.entrySet()) {
      if (!next.containsKey(e.getKey()) && missingRoots.stream().anyMatch(e.getKey()::startsWith)
          && e.getValue().lastGood() != null) {
        next.put(e.getKey(), e.getValue());
        parts.add(e.getValue().lastGood().inventory());
      }
    }
    cache.clear();
    cache.putAll(next);
    varsFingerprint = fingerprint;
    Inventory inventory = Inventory.merge(parts);
    if (last == null || !last.inventory().equals(inventory) || !last.status().problems().equals(problems)) {
      lastChange = clock.instant();
    }
    last = new SourceSnapshot(inventory, new SourceStatus(name(), true, problems, Optional.ofNullable(lastChange)));
    return last;
  }

  @Override
  public void start(Consumer<SourceSnapshot> listener) {
    try {
      watcher = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      log.warn("cannot watch the manifest folders ({}); rescanning every {} ms instead", e.getMessage(), RESCAN_MILLIS);
    }
    registerAll();
    listener.accept(load());
    thread = Thread.ofPlatform().daemon().name("manifest-watch").start(() -> watch(listener));
  }

  private void watch(Consumer<SourceSnapshot> listener) {
    long lastScan = System.currentTimeMillis();
    while (!closed) {
      try {
        boolean changed = false;
        if (watcher != null) {
          WatchKey key = watcher.poll(RESCAN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (key != null) {
            changed = true;
            key.pollEvents();
            key.reset();
            Thread.sleep(SETTLE_MILLIS);
            for (WatchKey k; (k = watcher.poll()) != null; ) {
              k.pollEvents();
              k.reset();
            }
            registerAll();
          }
        } else {
          Thread.sleep(RESCAN_MILLIS);
        }
        if (changed || System.currentTimeMillis() - lastScan >= RESCAN_MILLIS) {
          lastScan = System.currentTimeMillis();
          SourceSnapshot before = last;
          SourceSnapshot now = load();
          if (before == null || !now.status().lastChange().equals(before.status().lastChange())) {
            log.info("manifests changed: {} objects, {} problems", now.inventory().size(), now.status().problems().size());
            listener.accept(now);
          }
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        log.error("manifest reload failed; keeping the last state", e);
      }
    }
  }

  private final Map<Path, WatchKey> watched = new HashMap<>();

  private void registerAll() {
    if (watcher == null) {
      return;
    }
    List<Path> dirs = new ArrayList<>();
    for (Path root : config.paths()) {
      dirs.addAll(directories(Files.isDirectory(root) ? root : root.toAbsolutePath().getParent()));
    }
    config.vars().ifPresent(v -> dirs.add(v.toAbsolutePath().getParent()));
    for (Path d : dirs) {
      if (!watched.containsKey(d)) {
        try {
          watched.put(d, d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
              StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException e) {
          log.debug("cannot watch {}: {}", d, e.getMessage());
        }
      }
    }
  }

  private Cached read(Path f, Map<String, String> vars, String fingerprint, String namespace, List<Problem> problems) {
    Cached old = cache.get(f);
    try {
      BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
      long modified = attrs.lastModifiedTime().toMillis();
      if (old != null && old.modified() == modified && old.size() == attrs.size() && old.varsFingerprint().equals(fingerprint)) {
        return old;
      }
      String text = Files.readString(f);
      Substitution.Result sub = Substitution.apply(text, vars);
      ManifestParser.Parsed parsed = ManifestParser.parse(f.toString(), sub.text(), config.requireAcceptedRoutes(), namespace);
      if (!sub.missing().isEmpty()) {
        List<Problem> withMissing = new ArrayList<>(parsed.problems());
        for (Substitution.Missing m : sub.missing()) {
          withMissing.add(Problem.warning(f + ":" + m.line(), "${" + m.variable() + "} is not set"
              + (config.vars().isPresent() ? " in " + config.vars().get() : " (no vars file configured)") + "; replaced by \"\""));
        }
        parsed = new ManifestParser.Parsed(parsed.inventory(), withMissing);
      }
      // A file that fails keeps its last good objects; with none yet, the objects that did parse are
      // served (the failure still holds back provider deletes).
      ManifestParser.Parsed good = parsed.failed() && old != null && old.lastGood() != null ? old.lastGood() : parsed;
      if (parsed.failed() && old != null && old.lastGood() != null) {
        log.warn("{} no longer parses; keeping its last good objects", f);
      }
      return new Cached(modified, attrs.size(), fingerprint, parsed, good);
    } catch (IOException | RuntimeException e) {
      String reason = e instanceof IOException io ? IoReasons.of(io) : e.toString();
      if (Files.isSymbolicLink(f) && !Files.exists(f)) {
        reason = "it is a symbolic link to a missing file (" + linkTarget(f) + ")";
      }
      ManifestParser.Parsed failed = new ManifestParser.Parsed(Inventory.EMPTY,
          List.of(Problem.error(f.toString(), "cannot read: " + reason)));
      return new Cached(-1, -1, fingerprint, failed, old == null ? null : old.lastGood());
    }
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "?";
    }
  }

  private List<Path> files(List<Path> missingRoots, List<Problem> problems) {
    List<Path> out = new ArrayList<>();
    for (Path root : config.paths()) {
      if (missingRoots.contains(root)) {
        boolean held = cache.keySet().stream().anyMatch(f -> f.startsWith(root));
        problems.add(Problem.error(root.toString(), "manifest path does not exist"
            + (held ? "; its last good objects stay served until it is back" : "")));
        continue;
      }
      if (Files.isRegularFile(root)) {
        out.add(root);
        continue;
      }
      try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String n = file.getFileName().toString();
            // A manifest that is a dangling link is read (and fails, keeping its last good objects),
            // never silently taken for a deleted file.
            if ((n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith(".")
                && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
              out.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            problems.add(Problem.warning(file.toString(), "skipped: " + IoReasons.of(e)));
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        problems.add(Problem.error(root.toString(), "cannot list: " + e.getMessage()));
      }
    }
    config.vars().ifPresent(v -> out.removeIf(p -> p.toAbsolutePath().normalize().equals(v.toAbsolutePath().normalize())));
    out.sort(null);
    return out;
  }

  private static List<Path> directories(Path root) {
    List<Path> out = new ArrayList<>();
    if (root == null || !Files.isDirectory(root)) {
      return out;
    }
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          out.add(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log.debug("cannot list {}: {}", root, e.getMessage());
    }
    return out;
  }

  /** The {@code namespace:} of the nearest kustomization.yaml at or above the file, within the manifest roots. */
  private String namespaceFor(Path file, Map<Path, String> memo) {
    for (Path dir = file.toAbsolutePath().getParent(); dir != null && underRoot(dir); dir = dir.getParent()) {
      String ns = memo.computeIfAbsent(dir, x -> kustomizationNamespace(x).orElse(""));
      if (!ns.isEmpty()) {
        return ns;
      }
    }
    return null;
  }

  private boolean underRoot(Path dir) {
    for (Path r : config.paths()) {
      if (dir.startsWith(r.toAbsolutePath())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> kustomizationNamespace(Path dir) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path k = dir.resolve(name);
      if (Files.isRegularFile(k)) {
        try {
          JsonNode n = YAML.readTree(Files.readString(k));
          if (n != null && n.path("namespace").isTextual()) {
            return Optional.of(n.get("namespace").asText());
          }
        } catch (IOException | RuntimeException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        log.debug("closing the watcher: {}", e.getMessage());
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
