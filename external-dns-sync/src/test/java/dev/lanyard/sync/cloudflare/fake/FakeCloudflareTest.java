package dev.lanyard.sync.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake behaves as cloudflare-api.md describes, seen from a plain HTTP client. */
class FakeCloudflareTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeCloudflare fake;
  private String zoneId;

  @BeforeEach
  void start() throws IOException {
    fake = FakeCloudflare.builder().token("secret").zone("example.com").zone("example.org").recordQuota(20).start();
    zoneId = fake.zoneId("example.com");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    int code() {
      return body.path("errors").path(0).path("code").asInt();
    }

    int chainCode() {
      return body.path("errors").path(0).path("error_chain").path(0).path("code").asInt();
    }
  }

  private Answer call(String method, String path, String body) throws Exception {
    return call(method, path, body, "secret");
  }

  private Answer call(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r);
  }

  private String records() {
    return "/zones/" + zoneId + "/dns_records";
  }

  private Answer post(String name, String type, String content, String extra) throws Exception {
    return call("POST", records(), "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"content\":" + content
        + ",\"ttl\":300" + extra + "}");
  }

  @Test
  void everyAnswerHasTheEnvelopeAndZonesAreListed() throws Exception {
    Answer a = call("GET", "/zones", null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("success").asBoolean()).isTrue();
    assertThat(a.body().path("errors").isArray()).isTrue();
    assertThat(a.body().path("messages").isArray()).isTrue();
    List<String> names = new ArrayList<>();
    a.body().path("result").forEach(z -> names.add(z.path("name").asText()));
    assertThat(names).containsExactly("example.com", "example.org");
    assertThat(a.body().path("result").path(0).path("plan").path("is_subscribed").asBoolean(true)).isFalse();
    assertThat(a.body().path("result_info").path("total_count").asInt()).isEqualTo(2);
  }

  @Test
  void aBadTokenIsAnAuthenticationError() throws Exception {
    Answer a = call("GET", "/zones", null, "wrong");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.code()).isEqualTo(10000);
    assertThat(a.body().path("success").asBoolean(true)).isFalse();
  }

  @Test
  void pagesEndWithAnEmptyPageNeverA404() throws Exception {
    for (int i = 0; i < 12; i++) {
      fake.seed("r" + i + ".example.com", "A", "198.51.100." + (i + 1), 300, false);
    }
    List<Integer> sizes = new ArrayList<>();
    sizes.add(call("GET", records() + "?per_page=5", null).body().path("result").size());
    for (int page = 2; page <= 4; page++) {
      Answer a = call("GET", records() + "?per_page=5&page=" + page, null);
      assertThat(a.status()).isEqualTo(200);
      sizes.add(a.body().path("result").size());
    }
    assertThat(sizes).containsExactly(5, 5, 2, 0);
    assertThat(fake.requests(RequestKind.LIST_RECORDS)).isEqualTo(4);
  }

  @Test
  void aBatchRunsDeletesBeforePostsInOneTransaction() throws Exception {
    String cname = fake.seed("app.example.com", "CNAME", "gw.example.net", 300, false).id();
    Answer a = call("POST", records() + "/batch", "{\"deletes\":[{\"id\":\"" + cname + "\"}],"
        + "\"posts\":[{\"name\":\"app.example.com\",\"type\":\"A\",\"content\":\"203.0.113.7\",\"ttl\":1,\"proxied\":true}]}");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("result").path("deletes").path(0).path("id").asText()).isEqualTo(cname);
    assertThat(a.body().path("result").path("posts").path(0).path("ttl").asInt()).isEqualTo(1);
    assertThat(fake.records("example.com")).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("A");
      assertThat(r.proxied()).isTrue();
    });
    assertThat(fake.requests(RequestKind.BATCH)).isEqualTo(1);
  }

  @Test
  void aFailingOperationRollsTheWholeBatchBack() throws Exception {
    String old = fake.seed("old.example.com", "A", "203.0.113.1", 300, false).id();
    Answer a = call("POST", records() + "/batch", "{\"deletes\":[{\"id\":\"" + old + "\"}],\"posts\":["
        + "{\"name\":\"ok.example.com\",\"type\":\"A\",\"content\":\"203.0.113.2\",\"ttl\":300},"
        + "{\"name\":\"lan.example.com\",\"type\":\"A\",\"content\":\"10.0.0.5\",\"ttl\":1,\"proxied\":true}]}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.code()).isEqualTo(9003);
    assertThat(a.body().path("errors").path(0).path("message").asText()).contains("10.0.0.5 is not allowed for a proxied record");
    assertThat(a.body().path("errors").path(0).path("source").path("pointer").asText()).isEqualTo("/posts/1");
    assertThat(fake.records("example.com")).extracting(FakeRecord::name).containsExactly("old.example.com");
  }

  @Test
  void batchesOverTheLimitAreRefused() throws Exception {
    StringBuilder posts = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      posts.append(i == 0 ? "" : ",").append("{\"name\":\"r").append(i).append("\",\"type\":\"TXT\",\"content\":\"x\",\"ttl\":1}");
    }
    Answer a = call("POST", records() + "/batch", "{\"posts\":[" + posts + "]}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().toString()).contains("limit for this zone's plan is 200");
    assertThat(fake.records("example.com")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      CNAME over A        | A     | '"203.0.113.1"'    | CNAME | '"gw.example.net"' | 81053
      A over CNAME        | CNAME | '"gw.example.net"' | A     | '"203.0.113.1"'    | 81054
      second CNAME        | CNAME | '"gw.example.net"' | CNAME | '"gw2.example.net"' | 81054
      identical record    | A     | '"203.0.113.1"'    | A     | '"203.0.113.1"'    | 81058
      """)
  void conflictingCreatesAreRefused(String what, String firstType, String first, String type, String content, int code)
      throws Exception {
    assertThat(post("app.example.com", firstType, first, "").status()).isEqualTo(200);
    Answer a = post("app.example.com", type, content, "");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.code()).isEqualTo(code);
  }

  @Test
  void theRecordQuotaIsEnforced() throws Exception {
    for (int i = 0; i < 20; i++) {
      fake.seed("r" + i + ".example.com", "A", "198.51.100." + (i + 1), 300, false);
    }
    Answer a = post("one-more.example.com", "A", "\"203.0.113.9\"", "");
    assertThat(a.code()).isEqualTo(81045);
  }

  @Test
  void ttlAndProxiableRules() throws Exception {
    assertThat(post("a.example.com", "A", "\"203.0.113.1\"", ",\"ttl\":30").chainCode()).isEqualTo(9021);
    assertThat(post("t.example.com", "TXT", "\"\\\"x\\\"\"", ",\"proxied\":true").chainCode()).isEqualTo(9004);
    Answer proxied = post("p.example.com", "A", "\"203.0.113.1\"", ",\"proxied\":true");
    assertThat(proxied.body().path("result").path("ttl").asInt()).isEqualTo(1);
    assertThat(proxied.body().path("result").path("proxiable").asBoolean()).isTrue();
    Answer txt = post("t.example.com", "TXT", "\"\\\"heritage=external-dns,external-dns/owner=x\\\"\"", "");
    assertThat(txt.body().path("result").path("content").asText()).isEqualTo("\"heritage=external-dns,external-dns/owner=x\"");
    assertThat(txt.body().path("result").path("proxiable").asBoolean(true)).isFalse();
    assertThat(post("tags.example.com", "A", "\"203.0.113.2\"", ",\"tags\":[\"team:a\"]").chainCode()).isEqualTo(9300);
  }

  @Test
  void singleWritesAndTheirCounters() throws Exception {
    String id = post("app.example.com", "A", "\"203.0.113.1\"", "").body().path("result").path("id").asText();
    Answer put = call("PUT", records() + "/" + id,
        "{\"name\":\"app.example.com\",\"type\":\"A\",\"content\":\"203.0.113.2\",\"ttl\":120}");
    assertThat(put.body().path("result").path("content").asText()).as(put.body().toString()).isEqualTo("203.0.113.2");
    assertThat(call("DELETE", records() + "/" + id, null).body().path("result").path("id").asText()).isEqualTo(id);
    assertThat(call("DELETE", records() + "/" + id, null).code()).isEqualTo(81044);
    assertThat(fake.requests(RequestKind.CREATE)).isEqualTo(1);
    assertThat(fake.requests(RequestKind.OVERWRITE)).isEqualTo(1);
    assertThat(fake.requests(RequestKind.DELETE)).isEqualTo(2);
    assertThat(fake.writeRequests()).isEqualTo(4);
    assertThat(fake.listRequests()).isZero();
  }

  @Test
  void aForcedRateLimitAnswers429WithRetryAfter() throws Exception {
    fake.forceRateLimit(Duration.ofSeconds(42));
    Answer a = call("GET", "/zones", null);
    assertThat(a.status()).isEqualTo(429);
    assertThat(a.code()).isEqualTo(10429);
    assertThat(a.raw().headers().firstValue("Retry-After")).contains("42");
    fake.clearRateLimit();
    assertThat(call("GET", "/zones", null).status()).isEqualTo(200);
  }

  @Test
  void exceedingTheConfiguredLimitBlocksForAWholeWindow() throws Exception {
    try (FakeCloudflare limited = FakeCloudflare.builder().token("secret").zone("example.com")
        .rateLimit(3, Duration.ofMinutes(5)).start()) {
      fake.close();
      fake = limited;
      for (int i = 0; i < 3; i++) {
        assertThat(call("GET", "/zones", null).status()).isEqualTo(200);
      }
      Answer a = call("GET", "/zones", null);
      assertThat(a.status()).isEqualTo(429);
      assertThat(Long.parseLong(a.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(299L, 300L);
      assertThat(limited.rateLimitedRequests()).isEqualTo(1);
    }
  }

  @Test
  void filtersByNameAndType() throws Exception {
    fake.seed("_acme-challenge.example.com", "TXT", "\"a\"", 60, false);
    fake.seed("_acme-challenge.example.com", "TXT", "\"b\"", 60, false);
    fake.seed("app.example.com", "A", "203.0.113.1", 60, false);
    Answer a = call("GET", records() + "?name=_acme-challenge.example.com&type=TXT", null);
    assertThat(a.body().path("result").size()).isEqualTo(2);
  }
}
