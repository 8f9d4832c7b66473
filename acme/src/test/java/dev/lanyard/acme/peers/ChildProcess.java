package dev.lanyard.acme.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real server started by a test: output in a log file, stopped on close (and at JVM exit). */
public final class ChildProcess implements AutoCloseable {
  private final String label;
  private final Process process;
  private final Path log;
  private final Thread reaper;

  private ChildProcess(String label, Process process, Path log) {
    this.label = label;
    this.process = process;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "stop " + label);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Fails the test, never skips it, when a peer binary is missing. */
  public static void requireBinary(String binary, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return;
      }
    }
    throw new AssertionError(binary + " not found: install " + debianPackage + " (./test.sh installs it)");
  }

  public static ChildProcess start(String label, Path dir, Map<String, String> env, List<String> command) {
    Path log = dir.resolve(label + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      return new ChildProcess(label, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + label + ": " + command, e);
    }
  }

  /** Runs a short command to completion; fails with its output when it does not exit 0. */
  public static String run(Path dir, List<String> command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public void awaitLog(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (log().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(label + " exited with " + process.exitValue() + ":\n" + log());
      }
      sleep(20);
    }
    throw new AssertionError(label + " did not log \"" + text + "\" within " + timeout + ":\n" + log());
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is already exiting; the hook runs anyway
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public String toString() {
    return label;
  }

}
