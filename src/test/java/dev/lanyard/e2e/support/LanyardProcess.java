package dev.lanyard.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The built {@code lanyard} jar, run as a real process the way a user runs it. Its output goes to a
 * log file that failures print.
 */
public final class LanyardProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private LanyardProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code lanyard <args>} in {@code dir} with extra environment variables. */
  public static LanyardProcess start(Path dir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Repo.java().toString(), "-Xmx256m", "-jar", Repo.jar().toString()));
    cmd.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(dir, "lanyard", ".log");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new LanyardProcess(pb.start(), log);
    } catch (IOException e) {
      throw new AssertionError("cannot start lanyard: " + e.getMessage(), e);
    }
  }

  /** Runs a one-shot {@code lanyard} command and returns what it printed. */
  public static ProcessRun run(Path dir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Repo.java().toString(), "-jar", Repo.jar().toString()));
    cmd.addAll(List.of(args));
    return ProcessRun.run(dir, env, cmd, 120);
  }

  /** Waits until {@code condition} holds, failing with the log when the process dies or time runs out. */
  public void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("lanyard exited (" + process.exitValue() + ") while waiting for " + what + ":\n" + log());
      }
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + ":\n" + log());
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
