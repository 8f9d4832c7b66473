package dev.lanyard.sync.provider;

import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.plan.Change;
import dev.lanyard.sync.plan.Listing;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A DNS service the public records are pushed to. Calls come from one thread at a time (the
 * provider's sync loop holds a lock around them).
 */
public interface Provider extends AutoCloseable {

  String name();

  /** {@code cloudflare} or {@code rfc2136}. */
  String type();

  /** Lists every managed zone afresh; the result also becomes the cached listing. */
  Listing list() throws IOException;

  /**
   * The last listing plus every change applied since, with no I/O; empty before the first listing
   * and after a failed write left it unreliable (the next run then lists again).
   */
  Optional<Listing> cached();

  /**
   * Brings a desired record set into the form this provider stores and lists (TTL bounds, provider
   * properties), so that planning compares like with like and never loops.
   */
  Endpoint adjust(Endpoint desired);

  /**
   * Applies the changes in order. Records that fail are reported in the result (and logged, naming
   * the record); the others are applied.
   *
   * @throws RateLimitedException when the request budget or the provider's rate limit stops the run;
   *     what was applied before stays applied, the rest waits for the next run
   * @throws IOException when the provider cannot be reached
   */
  ApplyResult apply(List<Change> changes) throws IOException;

  @Override
  void close();
}
