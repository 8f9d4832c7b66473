package dev.lanyard.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal ACME server for what Debian's Pebble lacks (ARI) and what a test CA will not do on
 * demand (rate limits, forgotten accounts): a directory, nonces, newAccount, a scripted newOrder and
 * renewalInfo. It records what the client sent.
 */
final class StubAcmeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, Map<String, String> headers, String contentType, String body) {
    static Reply problem(int status, String type, String detail, Map<String, String> headers) {
      return new Reply(status, headers, "application/problem+json",
          "{\"type\":\"" + type + "\",\"detail\":\"" + detail + "\",\"status\":" + status + "}");
    }
  }

  /** A signed request: the protected header's {@code kid} and the decoded payload. */
  record Signed(Optional<String> kid, JsonNode payload) {}

  private final HttpServer server;
  private final boolean renewalInfo;
  final List<Signed> newOrders = new CopyOnWriteArrayList<>();
  final List<String> renewalInfoRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger newAccounts = new AtomicInteger();
  volatile Function<Signed, Reply> onNewOrder = s -> Reply.problem(500, "urn:ietf:params:acme:error:serverInternal",
      "no order script", Map.of());
  volatile Instant windowStart = Instant.now().plusSeconds(86_400);
  volatile Instant windowEnd = Instant.now().plusSeconds(2 * 86_400);
  volatile String renewalRetryAfter = "21600";
  /** {@code meta.profiles} of the directory, e.g. {@code {"classic": "..."}}; null offers none. */
  volatile String profiles;

  StubAcmeServer(boolean renewalInfo) {
    this.renewalInfo = renewalInfo;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/dir", ex -> send(ex, new Reply(200, Map.of(), "application/json", directory())));
    server.createContext("/nonce", ex -> send(ex, new Reply(200, Map.of(), null, "")));
    server.createContext("/new-account", ex -> {
      read(ex);
      int n = newAccounts.incrementAndGet();
      send(ex, new Reply(201, Map.of("Location", base() + "/acct/" + n), "application/json", "{\"status\":\"valid\"}"));
    });
    server.createContext("/new-order", ex -> {
      Signed order = read(ex);
      newOrders.add(order);
      send(ex, onNewOrder.apply(order));
    });
    server.createContext("/renewal-info/", ex -> {
      renewalInfoRequests.add(ex.getRequestURI().getPath().substring("/renewal-info/".length()));
      send(ex, new Reply(200, Map.of("Retry-After", renewalRetryAfter), "application/json",
          "{\"suggestedWindow\":{\"start\":\"" + windowStart + "\",\"end\":\"" + windowEnd + "\"}}"));
    });
    server.start();
  }

  String directoryUrl() {
    return base() + "/dir";
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String directory() {
    return "{\"newNonce\":\"" + base() + "/nonce\",\"newAccount\":\"" + base() + "/new-account\",\"newOrder\":\""
        + base() + "/new-order\"" + (renewalInfo ? ",\"renewalInfo\":\"" + base() + "/renewal-info\"" : "")
        + ",\"meta\":{\"termsOfService\":\"" + base() + "/tos\""
        + (profiles == null ? "" : ",\"profiles\":" + profiles) + "}}";
  }

  private static Signed read(HttpExchange ex) throws IOException {
    JsonNode jws = JSON.readTree(ex.getRequestBody().readAllBytes());
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jws.path("protected").asText()));
    String payload = jws.path("payload").asText();
    JsonNode body = payload.isEmpty() ? JSON.createObjectNode() : JSON.readTree(Base64.getUrlDecoder().decode(payload));
    return new Signed(Optional.ofNullable(header.get("kid")).map(JsonNode::asText), body);
  }

  private static void send(HttpExchange ex, Reply reply) throws IOException {
    ex.getResponseHeaders().add("Replay-Nonce", Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII)));
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (reply.contentType() != null) {
      ex.getResponseHeaders().add("Content-Type", reply.contentType());
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
