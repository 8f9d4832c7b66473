package dev.lanyard.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium, one fresh profile per call, no network beyond the page asked for:
 * the DOM after the page loaded, or a screenshot.
 */
public final class Chromium {
  private Chromium() {}

  /** The serialized DOM of {@code url} once loaded. */
  public static String dumpDom(String url) {
    ProcessRun r = run(List.of("--dump-dom", url));
    if (r.exitCode() != 0 || r.stdout().isBlank()) {
      throw new AssertionError("chromium --dump-dom " + url + " failed (" + r.exitCode() + "):\n" + r.stderr());
    }
    return r.stdout();
  }

  /** Saves a PNG of {@code url} rendered in a window of the given size. */
  public static Path screenshot(String url, Path png, int width, int height) {
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.deleteIfExists(png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessRun r = run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", url));
    if (r.exitCode() != 0 || !Files.isRegularFile(png)) {
      throw new AssertionError("chromium --screenshot " + url + " failed (" + r.exitCode() + "):\n" + r.stderr());
    }
    return png;
  }

  private static ProcessRun run(List<String> args) {
    Path chromium = Repo.binary("chromium", "chromium");
    Path profile;
    try {
      profile = Files.createTempDirectory("lanyard-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    cmd.addAll(args);
    try {
      return ProcessRun.run(profile, Map.of(), cmd, 60);
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind
    }
  }
}
