package dev.lanyard.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far one source (the manifest folder, the Kubernetes API) can be trusted right now.
 *
 * @param synced the source has delivered a full first listing
 * @param problems file-level or API-level errors; while any is present the source's data may be partial
 * @param lastChange when the source last delivered a change
 */
public record SourceStatus(String name, boolean synced, List<Problem> problems, Optional<Instant> lastChange) {

  public SourceStatus {
    problems = List.copyOf(problems);
  }

  /** True when the source is synced and nothing failed to load, so its absence of an object is real. */
  public boolean complete() {
    return synced && problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
  }
}
