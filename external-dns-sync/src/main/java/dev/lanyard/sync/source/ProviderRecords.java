package dev.lanyard.sync.source;

import dev.lanyard.sync.endpoint.Endpoint;
import java.util.List;

/**
 * The desired record sets one provider receives.
 *
 * @param notes disagreements between the provider's views, each naming the view that won
 */
public record ProviderRecords(List<Endpoint> endpoints, List<String> notes) {

  public ProviderRecords {
    endpoints = List.copyOf(endpoints);
    notes = List.copyOf(notes);
  }
}
