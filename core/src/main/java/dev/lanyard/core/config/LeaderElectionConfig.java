package dev.lanyard.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@code coordination.k8s.io} Lease that decides which replica runs sync and certificate work.
 * Without Kubernetes the single process leads.
 *
 * @param enabled empty means "on when the Kubernetes source is on"
 * @param namespace empty means the pod's namespace ({@code POD_NAMESPACE}) or {@code default}
 */
public record LeaderElectionConfig(
    Optional<Boolean> enabled,
    Optional<String> namespace,
    String leaseName,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  static LeaderElectionConfig parse(ConfigNode n) {
    n.expectObject();
    n.allowOnly("enabled", "namespace", "leaseName", "leaseDuration", "renewDeadline", "retryPeriod");
    Optional<Boolean> enabled = n.has("enabled") ? Optional.of(n.bool("enabled", false)) : Optional.empty();
    LeaderElectionConfig c = new LeaderElectionConfig(enabled, n.optString("namespace"), n.string("leaseName", "lanyard"),
        n.duration("leaseDuration", Duration.ofSeconds(15)), n.duration("renewDeadline", Duration.ofSeconds(10)),
        n.duration("retryPeriod", Duration.ofSeconds(2)));
    if (c.renewDeadline().compareTo(c.leaseDuration()) >= 0) {
      n.get("renewDeadline").problem("must be shorter than leaseDuration (" + Durations.format(c.leaseDuration()) + ")");
    }
    return c;
  }
}
