package dev.lanyard.app.wiring;

/**
 * Decides when this process runs the work only one replica may do (provider sync, certificate
 * issuance). Every replica serves DNS and HTTP regardless.
 */
public interface Leadership extends AutoCloseable {

  /** Calls {@code onStart} when this process starts leading and {@code onStop} when it stops. */
  void run(Runnable onStart, Runnable onStop);

  boolean isLeader();

  @Override
  void close();

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
      public void close() {
        if (leading) {
          leading = false;
          stop.run();
        }
      }
    };
  }
}
