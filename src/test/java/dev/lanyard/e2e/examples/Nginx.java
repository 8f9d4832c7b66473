package dev.lanyard.e2e.examples;

import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's nginx in the foreground with a config from a test's temp dir; stopped on close. */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path prefix;
  private final Path output;

  private Nginx(Process process, Path prefix, Path output) {
    this.process = process;
    this.prefix = prefix;
    this.output = output;
  }

  /** {@code nginx -p prefix -c config -g "daemon off;"}, waiting until it accepts connections on 127.0.0.1:port. */
  static Nginx start(Path prefix, String config, int port) {
    Path nginx = Repo.binary("nginx", "nginx");
    try {
      Path output = Files.createTempFile(prefix, "nginx", ".out");
      Process p = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c", config, "-g", "daemon off;")
          .directory(prefix.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      Nginx n = new Nginx(p, prefix, output);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new AssertionError("nginx exited (" + p.exitValue() + "):\n" + n.diagnostics());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return n;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      n.close();
      throw new AssertionError("nginx did not listen on 127.0.0.1:" + port + " within 15 s:\n" + n.diagnostics());
    } catch (IOException e) {
      throw new AssertionError("cannot start nginx: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  String diagnostics() {
    StringBuilder b = new StringBuilder();
    for (Path f : new Path[] {output, prefix.resolve("nginx-error.log")}) {
      try {
        if (Files.isRegularFile(f)) {
          b.append(f.getFileName()).append(":\n").append(Files.readString(f)).append('\n');
        }
      } catch (IOException e) {
        b.append(f).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
