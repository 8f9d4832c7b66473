package dev.lanyard.sync.endpoint;

import dev.lanyard.core.model.RecordType;
import java.util.Comparator;

/** A name and a type: the identity of a record set, at a provider or in the desired state. */
public record EndpointKey(String name, RecordType type) implements Comparable<EndpointKey> {

  private static final Comparator<EndpointKey> ORDER =
      Comparator.comparing(EndpointKey::name).thenComparing(EndpointKey::type);

  @Override
  public int compareTo(EndpointKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
