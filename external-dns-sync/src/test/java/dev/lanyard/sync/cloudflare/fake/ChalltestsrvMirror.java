package dev.lanyard.sync.cloudflare.fake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Keeps pebble-challtestsrv's DNS in step with the fake's TXT records: {@code POST /clear-txt}, then
 * {@code POST /set-txt} for each value still held (set-txt appends, so clearing first is the only way
 * to remove one value of several).
 */
final class ChalltestsrvMirror {
  private final URI management;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ChalltestsrvMirror(URI management) {
    this.management = management;
  }

  void publish(String name, List<String> values) {
    String host = name + ".";
    post("/clear-txt", FakeCloudflare.JSON.createObjectNode().put("host", host).toString());
    for (String v : values) {
      post("/set-txt", FakeCloudflare.JSON.createObjectNode().put("host", host).put("value", v).toString());
    }
  }

  private void post(String path, String json) {
    HttpRequest req = HttpRequest.newBuilder(management.resolve(path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        System.err.println("FakeCloudflare: challtestsrv " + path + " answered " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      System.err.println("FakeCloudflare: challtestsrv " + path + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
