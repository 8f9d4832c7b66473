package dev.lanyard.certificates;

import static dev.lanyard.certificates.Requests.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.lanyard.core.cert.CertificateRequest;
import dev.lanyard.core.cert.PrivateKeySpec;
import dev.lanyard.core.cert.StoreSpec;
import dev.lanyard.core.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: nginx serves the wildcard from the directory store; a renewal rewrites the files,
 * runs {@code nginx -s reload}, and curl sees the new serial while nginx keeps running.
 */
class NginxEndToEndTest {
  private static final Pattern SERIAL = Pattern.compile("Serial Number:\\s*([0-9A-Fa-f:]+)");

  @TempDir Path dir;
  private Process nginx;
  private CertificateLifecycle lifecycle;

  @AfterEach
  void stop() throws Exception {
    if (lifecycle != null) {
      lifecycle.close();
    }
    if (nginx != null) {
      nginx.descendants().forEach(ProcessHandle::destroy);
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.descendants().forEach(ProcessHandle::destroyForcibly);
        nginx.destroyForcibly();
      }
    }
  }

  @Test
  void nginxServesTheWildcardAndPicksUpTheRenewalOnReload() throws Exception {
    String nginxBin = binary("nginx", "nginx-light", "/usr/sbin/nginx");
    binary("curl", "curl", "/usr/bin/curl");
    int port = freePort();
    Path certs = dir.resolve("certs");
    Path conf = dir.resolve("nginx.conf");
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(conf, nginxConf(port, certs));

    TestCa ca = new TestCa("internal", Clock.systemUTC());
    ca.writeRoot(dir.resolve("root.pem"));
    String reload = nginxBin + " -s reload -p " + dir + "/ -c " + conf;
    CertificateRequest wildcard = new CertificateRequest("wildcard", "internal", List.of("*.example.test", "example.test"), List.of(),
        Optional.empty(), Optional.of(Duration.ofMinutes(2)), Optional.of(Duration.ofSeconds(110)), PrivateKeySpec.DEFAULT,
        List.of(new StoreSpec.Directory(certs, Optional.of(reload))), "config");
    lifecycle = new CertificateLifecycle(Fixtures.baseConfig("").certificates(), Map.of("internal", ca), Optional.empty(),
        new SimpleMeterRegistry(), Clock.systemUTC());
    lifecycle.update(state(wildcard));
    CertificateStatus first = lifecycle.issueNow(Optional.empty(), false).get(0);
    assertThat(first.lastError()).as("the reload fails harmlessly before nginx runs").isPresent();
    BigInteger firstSerial = new BigInteger(first.serial().orElseThrow(), 16);

    nginx = new ProcessBuilder(nginxBin, "-p", dir + "/", "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    awaitListening(port);

    Curl served = curl(port);
    assertThat(served.body()).isEqualTo("hello from nginx\n");
    assertThat(served.serial()).isEqualTo(firstSerial);

    lifecycle.start();
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
        .until(() -> !curl(port).serial().equals(firstSerial));

    Curl renewed = curl(port);
    assertThat(renewed.body()).isEqualTo("hello from nginx\n");
    assertThat(ca.serials).as("nginx serves a certificate the lifecycle renewed").contains(renewed.serial());
    assertThat(lifecycle.status().get(0).lastError()).as("the reload worked").isEmpty();
    assertThat(nginx.isAlive()).as("nginx was reloaded, not restarted").isTrue();
    assertThat(Files.getPosixFilePermissions(certs.resolve("privkey.pem")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private record Curl(String body, BigInteger serial) {}

  private Curl curl(int port) throws IOException, InterruptedException {
    String url = "https://app.example.test:" + port + "/";
    Process p = new ProcessBuilder("curl", "--silent", "--show-error", "--max-time", "5",
        "--cacert", dir.resolve("root.pem").toString(),
        "--resolve", "app.example.test:" + port + ":127.0.0.1",
        "--write-out", "\n--certs--\n%{certs}", url)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("curl " + url + " failed: " + out);
    }
    int split = out.indexOf("\n--certs--\n");
    Matcher m = SERIAL.matcher(out.substring(split));
    if (!m.find()) {
      fail("curl printed no certificate serial: " + out);
    }
    return new Curl(out.substring(0, split), new BigInteger(m.group(1).replace(":", ""), 16));
  }

  private String nginxConf(int port, Path certs) {
    Path tmp = dir.resolve("tmp");
    return """
        daemon off;
        master_process on;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log notice;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %2$s/body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          server {
            listen 127.0.0.1:%3$d ssl;
            server_name app.example.test;
            ssl_certificate %4$s/fullchain.pem;
            ssl_certificate_key %4$s/privkey.pem;
            location / { default_type text/plain; return 200 "hello from nginx\\n"; }
          }
        }
        """.formatted(dir, tmp, port, certs);
  }

  private void awaitListening(int port) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!nginx.isAlive()) {
        fail("nginx exited " + nginx.exitValue() + ": " + Files.readString(dir.resolve("nginx.out"))
            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The binary's path; fails (never skips) when the Debian package is missing. */
  private static String binary(String name, String pkg, String usual) {
    List<String> candidates = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(d + "/" + name);
    }
    candidates.add(usual);
    for (String c : candidates) {
      if (!c.startsWith("/")) {
        continue;
      }
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return fail(name + " not found: install " + pkg + " (./test.sh installs it)");
  }
}
