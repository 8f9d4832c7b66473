package dev.lanyard.ca;

/** The CA cannot be created, loaded or used; the message says what to fix and never holds key material. */
public class CaException extends Exception {

  public CaException(String message) {
    super(message);
  }

  public CaException(String message, Throwable cause) {
    super(message, cause);
  }
}
