package dev.lanyard.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Debian peer tools the tests talk to, failing clearly when one is missing. */
final class Peers {
  private Peers() {}

  /** The absolute path of {@code binary}; fails the test naming the package when absent. */
  static String require(String binary, String pkg) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin")) {
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(binary + " not found: install " + pkg + " (./test.sh installs it)");
  }

  /** Runs a command to completion (at most {@code seconds}) and returns its standard output. */
  static String run(int seconds, List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out;
      try (var in = p.getInputStream()) {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out after " + seconds + " s: " + command);
        }
        out = in.readAllBytes();
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  /** A port free for both UDP and TCP on {@code host} right now. */
  static int freePort(String host) {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
        int port = s.getLocalPort();
        try (DatagramSocket d = new DatagramSocket(port, InetAddress.getByName(host))) {
          return d.getLocalPort();
        } catch (IOException e) {
          continue;
        }
      } catch (IOException e) {
        throw new AssertionError("no free port on " + host + ": " + e.getMessage(), e);
      }
    }
    throw new AssertionError("no port free for both UDP and TCP on " + host);
  }

  static List<String> command(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
