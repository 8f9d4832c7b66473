package dev.lanyard.certificates.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A user's reload command ({@code nginx -s reload}), run through {@code sh -c} after new files are in place. */
public record ReloadCommand(String command, Duration timeout) {
  private static final int MAX_STDERR = 2000;

  public ReloadCommand(String command) {
    this(command, Duration.ofSeconds(60));
  }

  /** What happened: the exit status and what the command wrote to stderr. */
  public record Result(int exitCode, String stderr, boolean timedOut) {

    /** A one-line report for the status and the log, empty when the command succeeded. */
    public Optional<String> problem(String command) {
      if (timedOut) {
        return Optional.of("reload command `" + command + "` did not finish in time and was killed");
      }
      if (exitCode != 0) {
        String said = String.join(" | ", stderr.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return Optional.of("reload command `" + command + "` exited " + exitCode + (said.isEmpty() ? "" : ": " + said));
      }
      return Optional.empty();
    }
  }

  /** Runs the command in {@code workDir}; never throws, a failure is in the result. */
  public Result run(Path workDir) {
    Process p;
    try {
      p = new ProcessBuilder("sh", "-c", command)
          .directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return new Result(127, "cannot start sh: " + e.getMessage(), false);
    }
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readTail(p.getErrorStream()), Thread::startVirtualThread);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Result(-1, "", true);
      }
      return new Result(p.exitValue(), stderr.get(5, TimeUnit.SECONDS), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, "interrupted", true);
    } catch (ExecutionException | TimeoutException e) {
      return new Result(p.exitValue(), "", false);
    }
  }

  private static String readTail(InputStream in) {
    try (in) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return all.length() > MAX_STDERR ? "..." + all.substring(all.length() - MAX_STDERR) : all;
    } catch (IOException e) {
      return "";
    }
  }
}
