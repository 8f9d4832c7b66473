package dev.lanyard.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the status page shows for one provider.
 *
 * @param lastPlan the lines of the last plan (see {@link ProviderPlan#lines()}); empty after a run that
 *     found nothing to change
 * @param lastApplied the lines of the last plan that changed something, kept after later no-op runs
 * @param lastAppliedAt when that plan was applied
 * @param lastSync end of the last run that applied everything it planned
 * @param lastError the last failure (a run or a refused record), cleared by a clean run
 * @param requests API requests (Cloudflare: by HTTP method) or DNS messages (UPDATE, AXFR) so far
 * @param rateLimitWaits runs postponed by the request budget or the provider's rate limit
 * @param conflicts desired records the last plan left alone, with the reason
 */
public record ProviderStatus(
    String name,
    String type,
    boolean leading,
    List<String> lastPlan,
    List<String> lastApplied,
    Optional<Instant> lastAppliedAt,
    Optional<Instant> lastSync,
    Optional<String> lastError,
    Map<String, Long> requests,
    long rateLimitWaits,
    List<String> conflicts) {

  public ProviderStatus {
    lastPlan = List.copyOf(lastPlan);
    lastApplied = List.copyOf(lastApplied);
    requests = Map.copyOf(requests);
    conflicts = List.copyOf(conflicts);
  }
}
