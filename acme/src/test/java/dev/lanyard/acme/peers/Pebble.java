package dev.lanyard.acme.peers;

import dev.lanyard.core.net.HostPort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's Pebble 2.4.0 as a real ACME CA on free ports, with its own HTTPS certificate made by
 * openssl, {@code -dnsserver} pointed at a {@link ChallTestSrv}, no random validation sleep and
 * no rejected nonces.
 */
public final class Pebble implements AutoCloseable {
  private final ChildProcess process;
  private final Path dir;
  private final int acmePort;
  private final int managementPort;

  /**
   * @param eabKeys kid to base64url HMAC key; non-empty makes external account binding required
   * @param authzReuse percentage of orders that reuse a valid authorization (Pebble's default is 50)
   */
  public record Options(Map<String, String> eabKeys, Optional<Long> validitySeconds, int authzReuse) {
    public static Options defaults() {
      return new Options(Map.of(), Optional.empty(), 0);
    }
  }

  private Pebble(ChildProcess process, Path dir, int acmePort, int managementPort) {
    this.process = process;
    this.dir = dir;
    this.acmePort = acmePort;
    this.managementPort = managementPort;
  }

  public static Pebble start(Path dir, ChallTestSrv dns, Options options) throws IOException {
    return start(dir, dns.dns(), options);
  }

  /** Pebble validating DNS-01 from any DNS server: Lanyard's own listener, BIND, a counting proxy. */
  public static Pebble start(Path dir, HostPort dnsServer, Options options) throws IOException {
    ChildProcess.requireBinary("pebble", "pebble");
    ChildProcess.requireBinary("openssl", "openssl");
    makeTlsCertificate(dir);
    int acme = FreePorts.tcp();
    int mgmt = FreePorts.tcp();
    StringBuilder cfg = new StringBuilder("{\"pebble\": {")
        .append("\"listenAddress\": \"127.0.0.1:").append(acme).append("\", ")
        .append("\"managementListenAddress\": \"127.0.0.1:").append(mgmt).append("\", ")
        .append("\"certificate\": \"").append(dir.resolve("cert.pem")).append("\", ")
        .append("\"privateKey\": \"").append(dir.resolve("key.pem")).append("\", ")
        .append("\"httpPort\": ").append(FreePorts.tcp()).append(", \"tlsPort\": ").append(FreePorts.tcp())
        .append(", \"ocspResponderURL\": \"\"");
    options.validitySeconds().ifPresent(s -> cfg.append(", \"certificateValidityPeriod\": ").append(s));
    cfg.append(", \"externalAccountBindingRequired\": ").append(!options.eabKeys().isEmpty());
    if (!options.eabKeys().isEmpty()) {
      List<String> keys = new ArrayList<>();
      options.eabKeys().forEach((kid, key) -> keys.add("\"" + kid + "\": \"" + key + "\""));
      cfg.append(", \"externalAccountMACKeys\": {").append(String.join(", ", keys)).append("}");
    }
    cfg.append("}}");
    Path config = dir.resolve("pebble-config.json");
    Files.writeString(config, cfg);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PEBBLE_VA_NOSLEEP", "1");
    env.put("PEBBLE_WFE_NONCEREJECT", "0");
    env.put("PEBBLE_AUTHZREUSE", Integer.toString(options.authzReuse()));
    ChildProcess p = ChildProcess.start("pebble", dir, env, List.of("pebble", "-config", config.toString(),
        "-dnsserver", dnsServer.toString(), "-strict=false"));
    try {
      p.awaitLog("ACME directory available", Duration.ofSeconds(20));
      return new Pebble(p, dir, acme, mgmt);
    } catch (RuntimeException | AssertionError e) {
      p.close();
      throw e;
    }
  }

  private static void makeTlsCertificate(Path dir) throws IOException {
    ChildProcess.run(dir, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-days", "30", "-subj", "/CN=test minica root", "-keyout", "ca.key", "-out", "ca.pem",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
    ChildProcess.run(dir, List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "req.csr"));
    Files.writeString(dir.resolve("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
    ChildProcess.run(dir, List.of("openssl", "x509", "-req", "-in", "req.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "30", "-extfile", "ext.cnf", "-out", "cert.pem"));
  }

  /** The management URL of the root that signs issued certificates. */
  public String rootUrl() {
    return "https://127.0.0.1:" + managementPort + "/roots/0";
  }

  public String directory() {
    return "https://127.0.0.1:" + acmePort + "/dir";
  }

  /** The CA of Pebble's own HTTPS certificate: the issuer's {@code trust} file. */
  public Path trustFile() {
    return dir.resolve("ca.pem");
  }

  /** The root that signs issued certificates, from the management port. */
  public String rootPem() {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(trustFile()))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
          URI.create(rootUrl())).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
      if (r.statusCode() != 200) {
        throw new AssertionError("/roots/0 answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
