package dev.lanyard.app.wiring;

import java.util.Optional;

/**
 * Decides when this process runs the work only one replica may do (provider sync, certificate
 * issuance). Every replica serves DNS and HTTP regardless.
 */
public interface Leadership extends AutoCloseable {

  /** Calls {@code onStart} when this process starts leading and {@code onStop} when it stops. */
  void run(Runnable onStart, Runnable onStop);

  boolean isLeader();

  /** What the status page and the metrics show. */
  Status status();

  /** Stops leading (calling {@code onStop} before it returns, if this process led) and leaves the election. */
  @Override
  void close();

  /**
   * @param lease {@code namespace/name} of the Lease; empty when this process leads alone
   * @param identity this process in the election
   * @param holder who holds the Lease as last seen; empty when nobody does or there is no Lease
   */
  record Status(boolean leading, Optional<String> lease, String identity, Optional<String> holder) {}

  /** Without Kubernetes the single process leads from the start. */
  static Leadership sole() {
    return new Leadership() {
      private volatile boolean leading;
      private Runnable stop = () -> { };

      @Override
      public void run(Runnable onStart, Runnable onStop) {
        stop = onStop;
        leading = true;
        onStart.run();
      }

      @Override
      public boolean isLeader() {
        return leading;
      }

      @Override
      public Status status() {
        return new Status(leading, Optional.empty(), "this process", leading ? Optional.of("this process") : Optional.empty());
      }

      @Override
      public void close() {
        if (leading) {
          leading = false;
          stop.run();
        }
      }
    };
  }
}
