package dev.lanyard.sync.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.sync.cloudflare.fake.FakeCloudflare;
import dev.lanyard.sync.cloudflare.fake.FakeRecord;
import dev.lanyard.sync.provider.ProviderMetrics;
import dev.lanyard.sync.provider.RateLimitedException;
import dev.lanyard.sync.provider.RequestBudget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflareTxtPublisherTest {
  private FakeCloudflare fake;
  private CloudflareClient client;

  @BeforeEach
  void start() throws IOException {
    fake = FakeCloudflare.builder().token("t").zone("example.com").zone("sub.example.com").start();
    client = new CloudflareClient(fake.baseUrl(), "t", new OkHttpClient(), new RequestBudget(100, Duration.ofMinutes(5),
        Clock.systemUTC()), new ProviderMetrics("cf", new SimpleMeterRegistry()), Clock.systemUTC(), 100);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void valuesGoToTheMostSpecificZone() throws IOException {
    CloudflareTxtPublisher p = new CloudflareTxtPublisher(client, Duration.ofSeconds(5));
    p.add("_acme-challenge.app.sub.example.com.", "v1");
    assertThat(fake.records("sub.example.com")).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("_acme-challenge.app.sub.example.com");
      assertThat(r.content()).isEqualTo("\"v1\"");
      assertThat(r.ttl()).isEqualTo(60);
    });
    assertThat(fake.records("example.com")).isEmpty();
    assertThatThrownBy(() -> p.add("_acme-challenge.example.org", "v")).hasMessageContaining("no Cloudflare zone");
  }

  @Test
  void waitsForTheRateLimitInsteadOfFailingTheOrder() throws IOException {
    CloudflareTxtPublisher p = new CloudflareTxtPublisher(client, Duration.ofSeconds(5));
    fake.forceRateLimit(Duration.ofSeconds(1));
    long t0 = System.nanoTime();
    p.add("_acme-challenge.example.com", "patient");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(fake.records("example.com")).extracting(FakeRecord::content).containsExactly("\"patient\"");
    assertThat(fake.rateLimitedRequests()).isEqualTo(1);
  }

  @Test
  void givesUpWhenTheWaitWouldBeTooLong() {
    CloudflareTxtPublisher p = new CloudflareTxtPublisher(client, Duration.ofSeconds(1));
    fake.forceRateLimit(Duration.ofSeconds(30));
    assertThatThrownBy(() -> p.add("_acme-challenge.example.com", "v")).isInstanceOf(RateLimitedException.class);
  }
}
