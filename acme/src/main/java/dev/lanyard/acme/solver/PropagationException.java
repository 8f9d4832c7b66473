package dev.lanyard.acme.solver;

/** Challenge records did not reach every nameserver in time, or the nameservers could not be found. */
public class PropagationException extends Exception {

  public PropagationException(String message) {
    super(message);
  }

  public PropagationException(String message, Throwable cause) {
    super(message, cause);
  }
}
