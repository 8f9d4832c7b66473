package dev.lanyard.acme.peers;

import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** BIND 9 ({@code named}, Debian package bind9) serving zones authoritatively on a free loopback port. */
public final class Bind implements AutoCloseable {
  private final ChildProcess process;
  private final int port;

  private Bind(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** @param zones zone name to zone-file text */
  public static Bind start(Path dir, Map<String, String> zones) throws IOException {
    ChildProcess.requireBinary("named", "bind9");
    int port = FreePorts.udpAndTcp();
    StringBuilder conf = new StringBuilder("""
        options {
          directory "%1$s";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          pid-file "%1$s/named.pid";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          recursion no;
          dnssec-validation no;
        };
        controls { };
        """.formatted(dir, port));
    for (Map.Entry<String, String> z : zones.entrySet()) {
      Path file = dir.resolve(z.getKey() + ".zone");
      Files.writeString(file, z.getValue());
      conf.append("zone \"").append(z.getKey()).append("\" { type primary; file \"").append(file).append("\"; };\n");
    }
    Path confFile = dir.resolve("named.conf");
    Files.writeString(confFile, conf);
    ChildProcess p = ChildProcess.start("named", dir, Map.of(), List.of("named", "-g", "-n", "1", "-c",
        confFile.toString()));
    try {
      p.awaitLog(" running\n", Duration.ofSeconds(15));
      return new Bind(p, port);
    } catch (RuntimeException | AssertionError e) {
      p.close();
      throw e;
    }
  }

  public HostPort address() {
    return new HostPort("127.0.0.1", port);
  }

  public int port() {
    return port;
  }

  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
