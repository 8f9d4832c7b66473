package dev.lanyard.e2e.support;

import dev.lanyard.dns.UnboundConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real unbound on 127.0.0.1 and a free port, standing in for the LAN resolver (router, Pi-hole):
 * it forwards the given zones to Lanyard and sends its queries from {@code sourceAddress}, so
 * Lanyard sees the resolver's address, as it does on a real LAN.
 */
public final class UnboundForwarder implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private UnboundForwarder(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts unbound forwarding {@code zones} to {@code 127.0.0.1:lanyardPort}; it answers once Lanyard does. */
  public static UnboundForwarder start(Path dir, String sourceAddress, int lanyardPort, List<String> zones) {
    Path binary = Repo.binary("unbound", "unbound");
    int port = FreePorts.tcpAndUdp();
    Map<String, Integer> forward = new LinkedHashMap<>();
    zones.forEach(zone -> forward.put(zone, lanyardPort));
    String conf = UnboundConf.render(dir.toString(), port, sourceAddress, forward);
    try {
      Files.createDirectories(dir);
      Path file = Files.writeString(dir.resolve("unbound.conf"), conf);
      Path log = dir.resolve("unbound.log");
      Process p = new ProcessBuilder(binary.toString(), "-d", "-c", file.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new UnboundForwarder(p, log, port);
    } catch (IOException e) {
      throw new AssertionError("cannot start unbound: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** Asks unbound (recursion desired, as a LAN client does). */
  public Dig.Answer query(String name, String type) {
    if (!process.isAlive()) {
      throw new AssertionError("unbound exited (" + process.exitValue() + "):\n" + log());
    }
    return Dig.query(port, name, type, "+recurse");
  }

  /** Waits until unbound answers {@code name} with {@code rcode}. */
  public void await(String name, String rcode, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    Dig.Answer last = null;
    while (System.nanoTime() < end) {
      last = query(name, "SOA");
      if (last.rcode().equals(rcode)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("unbound did not answer " + name + " with " + rcode + " within " + timeout + "; last:\n"
        + (last == null ? "-" : last.raw()) + "\nunbound log:\n" + log());
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
