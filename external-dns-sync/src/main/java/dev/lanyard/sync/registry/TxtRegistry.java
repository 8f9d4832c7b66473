package dev.lanyard.sync.registry;

import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * external-dns's TXT registry: ownership of each record set is kept in a TXT record next to it, so
 * records created by external-dns with the same owner id are Lanyard's too, and the other way round.
 */
public final class TxtRegistry {
  private final String owner;
  private final TxtNameMapper mapper;

  public TxtRegistry(String owner, TxtNameMapper mapper) {
    this.owner = owner;
    this.mapper = mapper;
  }

  public String owner() {
    return owner;
  }

  public TxtNameMapper mapper() {
    return mapper;
  }

  /**
   * Splits a listing into records and ownership TXTs, and copies each TXT's labels onto the record
   * it names: the current (typed) format first, then the legacy one (never for AAAA, as in
   * external-dns). A TXT whose value has no {@code heritage=external-dns} is an ordinary record; one
   * that owns a type Lanyard does not manage (MX, SRV...) is left out of both.
   */
  public RegistryView read(List<Endpoint> listing) {
    Map<EndpointKey, OwnershipRecord> typed = new LinkedHashMap<>();
    Map<String, OwnershipRecord> legacy = new LinkedHashMap<>();
    List<Endpoint> plain = new ArrayList<>();
    for (Endpoint e : listing) {
      Optional<Map<String, String>> labels = heritage(e);
      if (labels.isEmpty()) {
        plain.add(e);
        continue;
      }
      Optional<TxtNameMapper.Target> target = mapper.toRecordName(e.name());
      if (target.isEmpty() || target.get().name().isEmpty()) {
        continue; // external-dns's TXT for a name we cannot map: not a record of ours either
      }
      String recordName = target.get().name();
      if (target.get().type().isEmpty()) {
        legacy.putIfAbsent(recordName, new OwnershipRecord(e, recordName, Optional.empty(), labels.get()));
        continue;
      }
      Optional<RecordType> type = RecordType.parse(target.get().type().get());
      type.ifPresent(t -> typed.putIfAbsent(new EndpointKey(recordName, t),
          new OwnershipRecord(e, recordName, Optional.of(t), labels.get())));
    }
    RegistryView partial = new RegistryView(mapper, List.of(), typed, legacy);
    List<Endpoint> records = new ArrayList<>();
    for (Endpoint e : plain) {
      Optional<OwnershipRecord> o = partial.typed(e.key());
      if (o.isEmpty() && e.type() != RecordType.AAAA) {
        o = partial.legacy(e.name());
      }
      records.add(e.withLabels(o.map(OwnershipRecord::labels).orElse(Map.of())));
    }
    return new RegistryView(mapper, records, typed, legacy);
  }

  /** The name of the ownership TXT for a record, when one can exist (see {@link TxtNameMapper#toTxtName}). */
  public Optional<String> txtName(EndpointKey key) {
    return mapper.toTxtName(key.name(), key.type().name());
  }

  /** The ownership TXT to create next to {@code record}: owner id and, when known, its resource. */
  public Optional<Endpoint> ownershipRecord(Endpoint record) {
    Map<String, String> labels = new HashMap<>();
    labels.put(Endpoint.OWNER, owner);
    record.resource().ifPresent(r -> labels.put(Endpoint.RESOURCE, r));
    return txtName(record.key()).map(n ->
        new Endpoint(n, RecordType.TXT, record.ttl(), List.of(OwnerLabels.serialize(labels)), Map.of(), Map.of()));
  }

  /** The labels of a TXT record that carries external-dns heritage (its first such value). */
  private static Optional<Map<String, String>> heritage(Endpoint e) {
    if (e.type() != RecordType.TXT) {
      return Optional.empty();
    }
    return e.targets().stream().map(OwnerLabels::parse).flatMap(Optional::stream).findFirst();
  }
}
