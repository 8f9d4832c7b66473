package dev.lanyard.sync.provider;

import java.util.List;

/**
 * @param applied changes the provider accepted
 * @param failures one readable line per change it refused, naming the record
 * @param requests API requests (or DNS messages) the apply took
 */
public record ApplyResult(int applied, List<String> failures, int requests) {

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  public boolean ok() {
    return failures.isEmpty();
  }
}
