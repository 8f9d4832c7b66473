package dev.lanyard.ca;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl binary; tests fail (never skip) when it is missing. */
public final class OpenSsl {

  public record Result(int exit, String output) {}

  private OpenSsl() {}

  public static Result run(Path workDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return fail("openssl " + String.join(" ", args) + " timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return fail("cannot run openssl: install openssl (./test.sh installs it): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Runs openssl and fails the test unless it exits 0. */
  public static String ok(Path workDir, String... args) {
    Result r = run(workDir, args);
    if (r.exit() != 0) {
      fail("openssl " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }
}
