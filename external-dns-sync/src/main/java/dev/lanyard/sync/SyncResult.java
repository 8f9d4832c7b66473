package dev.lanyard.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outcome of {@code lanyard sync --once}: exit 0 when {@link #ok()}, else 1 and {@link #failures()}. */
public record SyncResult(List<Outcome> providers) {

  public SyncResult {
    providers = List.copyOf(providers);
  }

  /**
   * One provider's part.
   *
   * @param plan empty when the provider could not even be listed
   * @param failures one line per refused change
   * @param error why the run stopped early (unreachable, rate-limited), if it did
   */
  public record Outcome(String provider, Optional<ProviderPlan> plan, int applied, List<String> failures,
      Optional<String> error) {
    public Outcome {
      failures = List.copyOf(failures);
    }

    public boolean ok() {
      return failures.isEmpty() && error.isEmpty();
    }
  }

  public boolean ok() {
    return providers.stream().allMatch(Outcome::ok);
  }

  /** Every reason the run was not clean, prefixed with the provider's name. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    for (Outcome o : providers) {
      o.error().ifPresent(e -> out.add(o.provider() + ": " + e));
      o.failures().forEach(f -> out.add(o.provider() + ": " + f));
    }
    return out;
  }
}
