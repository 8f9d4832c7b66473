package dev.lanyard.core.model;

import dev.lanyard.core.cert.CertificateRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Lanyard should make true, computed purely from the inventory and the config. Every
 * consumer (DNS server, provider sync, certificates, status page) receives a new immutable instance
 * on each change.
 *
 * @param generation increases with every new state
 * @param views per-view records, in config order
 * @param problems translation problems (conflicts, dropped objects) for logs and {@code lanyard check}
 * @param sources the state of each source when this was computed
 */
public record DesiredState(
    long generation,
    Instant createdAt,
    List<ViewRecords> views,
    List<CertificateRequest> certificates,
    List<Problem> problems,
    List<SourceStatus> sources) {

  public DesiredState {
    views = List.copyOf(views);
    certificates = List.copyOf(certificates);
    problems = List.copyOf(problems);
    sources = List.copyOf(sources);
  }

  public Optional<ViewRecords> view(String name) {
    return views.stream().filter(v -> v.view().equals(name)).findFirst();
  }

  /** True when every source is synced and loaded without errors: only then may anything be deleted. */
  public boolean complete() {
    return sources.stream().allMatch(SourceStatus::complete);
  }

  /** True once every source has delivered its first listing. */
  public boolean synced() {
    return sources.stream().allMatch(SourceStatus::synced);
  }
}
