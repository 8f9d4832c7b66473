package dev.lanyard.app.http;

import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.SourceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this replica should receive DNS traffic: its DNS server is listening and every source has
 * delivered its first full listing (so it answers from complete data, never a false NXDOMAIN).
 *
 * @param reasons why not, one line each; empty when ready
 */
public record Readiness(boolean ready, List<String> reasons) {

  public Readiness {
    reasons = List.copyOf(reasons);
  }

  public static Readiness of(StatusSnapshot s) {
    List<String> reasons = new ArrayList<>();
    if (!s.dnsListening()) {
      reasons.add("DNS is not listening yet");
    }
    if (s.state().isEmpty()) {
      if (s.sources().isEmpty()) {
        reasons.add("no state has been computed yet");
      }
      s.sources().forEach(name -> reasons.add("source " + name + " has not delivered its first listing yet"));
    } else {
      DesiredState state = s.state().get();
      for (SourceStatus source : state.sources()) {
        if (!source.synced()) {
          reasons.add("source " + source.name() + " has not synced yet"
              + (source.problems().isEmpty() ? "" : " (" + source.problems().get(0) + ")"));
        }
      }
    }
    return new Readiness(reasons.isEmpty(), reasons);
  }
}
