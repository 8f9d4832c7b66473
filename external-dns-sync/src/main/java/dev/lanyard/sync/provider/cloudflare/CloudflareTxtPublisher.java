package dev.lanyard.sync.provider.cloudflare;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.provider.RateLimitedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACME DNS-01 challenge values at Cloudflare: one TXT record per value, created and deleted by
 * name and content. Shares the provider's client and so its request budget; when the budget is spent
 * it waits (up to {@code maxWait}) rather than failing the order.
 */
public final class CloudflareTxtPublisher implements TxtRecordPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(CloudflareTxtPublisher.class);
  static final long TTL = 60;

  private final CloudflareClient client;
  private final Duration maxWait;
  private List<CloudflareZone> zones;

  public CloudflareTxtPublisher(CloudflareClient client, Duration maxWait) {
    this.client = client;
    this.maxWait = maxWait;
  }

  @Override
  public synchronized void add(String fqdn, String value) throws IOException {
    String name = Hostnames.normalize(fqdn);
    CloudflareZone zone = zoneFor(name);
    List<CloudflareRecord> existing = withBudget(() -> client.records(zone, name, "TXT"));
    if (existing.stream().anyMatch(r -> r.value().equals(value))) {
      return;
    }
    CloudflareRecord r = new CloudflareRecord(Optional.empty(), name, "TXT", CloudflareRecord.contentOf(RecordType.TXT, value),
        TTL, false, Optional.empty(), List.of());
    try {
      withBudget(() -> client.create(zone, r));
      LOG.info("published ACME challenge TXT at {} in Cloudflare zone {}", name, zone.name());
    } catch (CloudflareApiException e) {
      if (!e.has(81057) && !e.has(81058)) {
        throw new IOException(CloudflareErrors.describe("cannot create challenge TXT " + name, e), e);
      }
    }
  }

  @Override
  public synchronized void remove(String fqdn, String value) throws IOException {
    String name = Hostnames.normalize(fqdn);
    CloudflareZone zone = zoneFor(name);
    for (CloudflareRecord r : withBudget(() -> client.records(zone, name, "TXT"))) {
      if (!r.value().equals(value)) {
        continue;
      }
      try {
        withBudget(() -> {
          client.delete(zone, r.id().orElseThrow(), r.describe());
          return null;
        });
      } catch (CloudflareApiException e) {
        if (e.status() != 404 && !e.has(81044)) {
          throw new IOException(CloudflareErrors.describe("cannot delete challenge TXT " + name, e), e);
        }
      }
    }
  }

  private CloudflareZone zoneFor(String name) throws IOException {
    Optional<CloudflareZone> z = zones == null ? Optional.empty() : match(name);
    if (z.isEmpty()) {
      zones = withBudget(client::zones);
      z = match(name);
    }
    return z.orElseThrow(() -> new IOException("no Cloudflare zone visible to the API token holds " + name
        + " (zones: " + zones.stream().map(CloudflareZone::name).toList() + ")"));
  }

  private Optional<CloudflareZone> match(String name) {
    return zones.stream().filter(z -> Hostnames.isInZone(name, z.name())).max(Comparator.comparingInt(z -> z.name().length()));
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T withBudget(Call<T> call) throws IOException {
    long waited = 0;
    while (true) {
      try {
        return call.run();
      } catch (RateLimitedException e) {
        long wait = Math.max(100, e.retryAfter().toMillis());
        if (waited + wait > maxWait.toMillis()) {
          throw e;
        }
        LOG.info("Cloudflare request budget: waiting {} ms before publishing the challenge ({})", wait, e.getMessage());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the Cloudflare request budget", ie);
        }
        waited += wait;
      }
    }
  }
}
