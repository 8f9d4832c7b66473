package dev.lanyard.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints, read-only, on one listener: {@code /healthz} (the process answers),
 * {@code /readyz} (200 once DNS listens and every source synced, else 503 with the reasons),
 * {@code /metrics} (Prometheus text format) and the status page at {@code /}. Each request runs on
 * a virtual thread. Only GET and HEAD are allowed.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  /** The page needs no scripts, fonts or images: only its own inline styles and a GET form to itself. */
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<StatusSnapshot> status;
  private final Supplier<String> metrics;

  private HttpEndpoints(HttpServer server, ExecutorService executor, Supplier<StatusSnapshot> status,
      Supplier<String> metrics) {
    this.server = server;
    this.executor = executor;
    this.status = status;
    this.metrics = metrics;
  }

  /**
   * Binds {@code listen} (port 0 picks a free one) and starts serving.
   *
   * @param status gathered afresh for each request to {@code /readyz} and {@code /}
   * @param metrics the Prometheus scrape
   */
  public static HttpEndpoints start(HostPort listen, Supplier<StatusSnapshot> status, Supplier<String> metrics)
      throws IOException {
    InetSocketAddress address = listen.toSocketAddress();
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new IOException("cannot listen for HTTP on " + listen + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
    server.setExecutor(executor);
    HttpEndpoints endpoints = new HttpEndpoints(server, executor, status, metrics);
    server.createContext("/", endpoints::handle);
    server.start();
    log.info("HTTP listening on {}: /healthz, /readyz, /metrics and the status page at /", endpoints.address());
    return endpoints;
  }

  /** Where the server is bound (the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (RuntimeException e) {
        log.error("HTTP {} failed", exchange.getRequestURI().getPath(), e);
        send(exchange, 500, TEXT, "internal error: " + e.getClass().getSimpleName() + "; see the log\n");
      }
    } catch (IOException | RuntimeException e) {
      log.debug("HTTP answer to {} not delivered: {}", exchange.getRequestURI().getPath(), e.toString());
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      send(exchange, 405, TEXT, "method " + method + " is not allowed: these endpoints are read-only\n");
      return;
    }
    switch (path) {
      case "/healthz" -> send(exchange, 200, TEXT, "ok\n");
      case "/readyz" -> {
        Readiness r = Readiness.of(status.get());
        send(exchange, r.ready() ? 200 : 503, TEXT, r.ready() ? "ready\n"
            : "not ready:\n" + String.join("\n", r.reasons().stream().map(x -> "- " + x).toList()) + "\n");
      }
      case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
      case "/" -> send(exchange, 200, HTML,
          StatusPage.render(status.get(), StatusPage.Filter.parse(exchange.getRequestURI().getRawQuery())));
      default -> send(exchange, 404, TEXT, "no such page: " + path + " (try /, /healthz, /readyz or /metrics)\n");
    }
  }

  private static void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    if (contentType.equals(HTML)) {
      headers.set("Content-Security-Policy", CSP);
      headers.set("Referrer-Policy", "no-referrer");
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
