package dev.lanyard.sync.registry;

import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import java.util.Map;
import java.util.Optional;

/**
 * An ownership TXT found at the provider.
 *
 * @param txt the TXT record itself, as listed
 * @param recordName the name it speaks for, as written in the TXT name (so a wildcard appears with
 *     its configured replacement, see {@link TxtNameMapper#lookupName})
 * @param type the record type; empty for the legacy format, which names no type
 * @param labels {@code owner}, {@code resource} and whatever else external-dns wrote
 */
public record OwnershipRecord(Endpoint txt, String recordName, Optional<RecordType> type, Map<String, String> labels) {

  public OwnershipRecord {
    labels = Map.copyOf(labels);
  }

  public Optional<String> owner() {
    return Optional.ofNullable(labels.get(Endpoint.OWNER));
  }

  public boolean ownedBy(String owner) {
    return owner().filter(owner::equals).isPresent();
  }

  public boolean legacy() {
    return type.isEmpty();
  }
}
