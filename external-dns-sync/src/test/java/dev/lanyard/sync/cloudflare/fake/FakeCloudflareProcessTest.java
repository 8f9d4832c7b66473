package dev.lanyard.sync.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.sync.testing.Challtestsrv;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake as the end-to-end suite uses it: a process of its own, mirroring TXT records to pebble-challtestsrv. */
class FakeCloudflareProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Challtestsrv challtestsrv;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startChalltestsrv() throws Exception {
    challtestsrv = Challtestsrv.start();
  }

  @AfterAll
  static void stopChalltestsrv() {
    if (challtestsrv != null) {
      challtestsrv.close();
    }
  }

  private JsonNode call(String method, String url, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer proc-token")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void runsStandaloneWithASeedAndMirrorsTxtToChalltestsrv(@TempDir Path dir) throws Exception {
    Path seed = Files.writeString(dir.resolve("seed.json"),
        "[{\"name\":\"app.example.com\",\"type\":\"A\",\"content\":\"203.0.113.7\",\"ttl\":300}]");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeCloudflare.class.getName(),
        "0", "proc-token", "example.com,example.org", seed.toString(), "--challtestsrv=" + challtestsrv.management())
        .redirectError(dir.resolve("stderr").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(20, TimeUnit.SECONDS);
      assertThat(line).as(Files.readString(dir.resolve("stderr"))).startsWith("FakeCloudflare listening on http://127.0.0.1:");
      String base = line.substring("FakeCloudflare listening on ".length());

      JsonNode zones = call("GET", base + "/zones?name=example.com", null);
      String zoneId = zones.path("result").path(0).path("id").asText();
      JsonNode records = call("GET", base + "/zones/" + zoneId + "/dns_records", null);
      assertThat(records.path("result").path(0).path("content").asText()).isEqualTo("203.0.113.7");

      String challenge = "_acme-challenge.app.example.com";
      String first = call("POST", base + "/zones/" + zoneId + "/dns_records",
          "{\"type\":\"TXT\",\"name\":\"" + challenge + "\",\"content\":\"\\\"token-1\\\"\",\"ttl\":60}")
          .path("result").path("id").asText();
      call("POST", base + "/zones/" + zoneId + "/dns_records",
          "{\"type\":\"TXT\",\"name\":\"" + challenge + "\",\"content\":\"\\\"token-2\\\"\",\"ttl\":60}");
      assertThat(challtestsrv.txt(challenge)).containsExactly("token-1", "token-2");
      call("DELETE", base + "/zones/" + zoneId + "/dns_records/" + first, null);
      assertThat(challtestsrv.txt(challenge)).containsExactly("token-2");
    } finally {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void theInProcessFakeMirrorsBatchesToo() throws Exception {
    try (FakeCloudflare fake = FakeCloudflare.builder().token("proc-token").zone("example.net").start()) {
      fake.mirrorTxtTo(challtestsrv.management());
      String zone = fake.zoneId("example.net");
      call("POST", fake.baseUrl() + "/zones/" + zone + "/dns_records/batch",
          "{\"posts\":[{\"type\":\"TXT\",\"name\":\"_acme-challenge.example.net\",\"content\":\"\\\"wild\\\"\",\"ttl\":60}]}");
      assertThat(challtestsrv.txt("_acme-challenge.example.net")).containsExactly("wild");
      fake.remove(fake.records("example.net").get(0).id());
      assertThat(challtestsrv.txt("_acme-challenge.example.net")).isEmpty();
    }
  }
}
