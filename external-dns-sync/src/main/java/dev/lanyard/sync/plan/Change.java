package dev.lanyard.sync.plan;

import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;

/** One change to one record set at a provider. Ownership TXTs are changes like any other. */
public sealed interface Change {

  EndpointKey key();

  /** The record set the change leaves behind, or the one it removes. */
  Endpoint endpoint();

  record Create(Endpoint endpoint) implements Change {
    @Override
    public EndpointKey key() {
      return endpoint.key();
    }
  }

  record Update(Endpoint old, Endpoint endpoint) implements Change {
    public Update {
      if (!old.key().equals(endpoint.key())) {
        throw new IllegalArgumentException("update must keep name and type: " + old.key() + " -> " + endpoint.key());
      }
    }

    @Override
    public EndpointKey key() {
      return endpoint.key();
    }
  }

  record Delete(Endpoint endpoint) implements Change {
    @Override
    public EndpointKey key() {
      return endpoint.key();
    }
  }
}
