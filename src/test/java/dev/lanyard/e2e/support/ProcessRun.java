package dev.lanyard.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and captures its output. */
public record ProcessRun(int exitCode, String stdout, String stderr) {

  public static ProcessRun run(Path dir, Map<String, String> env, List<String> command, long timeoutSeconds) {
    try {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
      pb.environment().putAll(env);
      Path out = java.nio.file.Files.createTempFile("run", ".out");
      Path err = java.nio.file.Files.createTempFile("run", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      ProcessRun r = new ProcessRun(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
          java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static ProcessRun run(List<String> command) {
    return run(Path.of("."), Map.of(), command, 60);
  }
}
