package dev.lanyard.e2e.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's walkthrough in examples/pebble-self/README.md, step by step, on a copy of the
 * example whose fixed ports are swapped for free ones: start-pebble.sh, {@code lanyard serve}, the
 * certificate on disk, {@code certs list}, and the openssl check against Pebble's root.
 */
class PebbleSelfExampleE2eTest {
  private static final Path EXAMPLE = Repo.root().resolve("examples/pebble-self");

  @TempDir Path dir;

  @Test
  void theReadmeWalkthroughIssuesAVerifiableCertificate() throws Exception {
    String readme = Files.readString(EXAMPLE.resolve("README.md"));
    assertThat(readme).contains("examples/pebble-self/start-pebble.sh")
        .contains("bin/lanyard serve --config examples/pebble-self/lanyard.yaml")
        .contains("openssl verify -CAfile pebble-root.pem -untrusted certs/wildcard/fullchain.pem certs/wildcard/fullchain.pem");
    Path ex = copyExample();
    int dns = FreePorts.tcpAndUdp();
    int acme = freeTcp();
    int management = freeTcp();
    rewrite(ex.resolve("lanyard.yaml"), Map.of(
        "\"127.0.0.1:5380\"", "\"127.0.0.1:" + dns + "\"",
        "\"127.0.0.1:8081\"", "\"127.0.0.1:" + FreePorts.tcpAndUdp() + "\"",
        "https://127.0.0.1:14000/dir", "https://127.0.0.1:" + acme + "/dir"));

    Path pebbleLog = ex.resolve("start-pebble.log");
    ProcessBuilder pb = new ProcessBuilder("bash", ex.resolve("start-pebble.sh").toString()).directory(ex.toFile())
        .redirectErrorStream(true).redirectOutput(pebbleLog.toFile());
    pb.environment().put("PEBBLE_LISTEN", "127.0.0.1:" + acme);
    pb.environment().put("PEBBLE_MANAGEMENT_LISTEN", "127.0.0.1:" + management);
    Process pebble = pb.start();
    try {
      awaitLog(pebble, pebbleLog, "ACME directory available at: https://127.0.0.1:" + acme + "/dir");
      assertThat(Files.readString(pebbleLog))
          .contains("Using custom DNS resolver for ACME challenges: 127.0.0.1:" + dns)
          .contains("bin/lanyard serve --config examples/pebble-self/lanyard.yaml");

      Path certs = ex.resolve("state/certs");
      try (LanyardProcess lanyard = LanyardProcess.start(ex, Map.of(), "serve", "--config", "lanyard.yaml")) {
        lanyard.await("the certificate and the reload command", Duration.ofSeconds(60),
            () -> Files.exists(certs.resolve("reloads.log")));

        Path fullchain = certs.resolve("wildcard/fullchain.pem");
        assertThat(Certs.dnsNames(Certs.leaf(fullchain))).containsExactlyInAnyOrder("*.example.test", "example.test");
        ProcessRun root = ProcessRun.run(ex.resolve("state"), Map.of(), List.of(Repo.binary("curl", "curl").toString(),
            "-sS", "--cacert", "pebble-ca.pem", "https://127.0.0.1:" + management + "/roots/0"), 30);
        assertThat(root.exitCode()).as(root.stderr()).isZero();
        String verified = Certs.opensslVerify(ex.resolve("state"), fullchain, root.stdout());
        String serial = Certs.serial(fullchain);
        assertThat(Certs.read(certs.resolve("reloads.log")).toLowerCase()).contains("serial=" + serial);

        ProcessRun list = LanyardProcess.run(ex, Map.of(), "certs", "list", "--config", "lanyard.yaml");
        assertThat(list.stdout()).contains("names:        *.example.test, example.test").contains("serial:       " + serial);
        assertThat(Dig.query(dns, "www.example.test", "A").values()).containsExactly("127.0.0.1");
        assertThat(Dig.query(dns, "_acme-challenge.example.test", "TXT").rcode()).isEqualTo("NXDOMAIN");
        System.out.printf("examples/pebble-self walkthrough: start-pebble.sh + lanyard serve issued serial %s; %s%n",
            serial, verified);
      }
    } finally {
      pebble.destroy();
      if (!pebble.waitFor(5, TimeUnit.SECONDS)) {
        pebble.destroyForcibly();
      }
    }
  }

  private Path copyExample() throws IOException {
    Path ex = dir.resolve("pebble-self");
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path f : files.filter(p -> !EXAMPLE.relativize(p).startsWith("state")).toList()) {
        Path target = ex.resolve(EXAMPLE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return ex;
  }

  private static void rewrite(Path file, Map<String, String> replacements) throws IOException {
    String text = Files.readString(file);
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      assertThat(text).as("the example's %s", file.getFileName()).contains(r.getKey());
      text = text.replace(r.getKey(), r.getValue());
    }
    Files.writeString(file, text);
  }

  private static void awaitLog(Process process, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("start-pebble.sh exited " + process.exitValue() + ":\n" + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("start-pebble.sh did not log \"" + text + "\":\n" + Files.readString(log));
  }

  private static int freeTcp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
