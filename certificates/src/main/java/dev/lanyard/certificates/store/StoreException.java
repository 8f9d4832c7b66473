package dev.lanyard.certificates.store;

/** A store could not be read or written (I/O, the Kubernetes API); the message names the store. */
public class StoreException extends Exception {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
