package dev.lanyard.core.source;

import java.util.function.Consumer;

/**
 * Delivers inventory snapshots: the manifest folder or the Kubernetes API. A source calls the
 * listener with a complete snapshot each time something changed; the first call with
 * {@code status().synced()} marks it ready.
 */
public interface Source extends AutoCloseable {

  String name();

  void start(Consumer<SourceSnapshot> listener);

  @Override
  void close();
}
