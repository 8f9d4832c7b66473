package dev.lanyard.sync.registry;

import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider listing read through the TXT registry.
 *
 * @param records the managed records with their ownership labels attached (ownership TXTs excluded)
 * @param typed ownership TXTs in the current format, keyed by {@link TxtNameMapper#lookupName} and type
 * @param legacy ownership TXTs in the legacy (type-less) format, keyed by lookup name
 */
public record RegistryView(
    TxtNameMapper mapper,
    List<Endpoint> records,
    Map<EndpointKey, OwnershipRecord> typed,
    Map<String, OwnershipRecord> legacy) {

  public RegistryView {
    records = List.copyOf(records);
    typed = Map.copyOf(typed);
    legacy = Map.copyOf(legacy);
  }

  /** The current-format ownership TXT of the record set {@code key}. */
  public Optional<OwnershipRecord> typed(EndpointKey key) {
    return Optional.ofNullable(typed.get(new EndpointKey(mapper.lookupName(key.name()), key.type())));
  }

  /** The legacy ownership TXT at {@code name}; external-dns never reads it for AAAA. */
  public Optional<OwnershipRecord> legacy(String name) {
    return Optional.ofNullable(legacy.get(mapper.lookupName(name)));
  }

  public Collection<OwnershipRecord> allOwnership() {
    return java.util.stream.Stream.concat(typed.values().stream(), legacy.values().stream()).toList();
  }
}
