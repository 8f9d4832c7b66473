package dev.lanyard.certificates.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A failed run, noted in a store beside the certificate in place (which it never touches), so that
 * another process reading the same stores ({@code lanyard certs list} beside {@code lanyard serve})
 * can say why the certificate is not renewed. A new certificate written to the store erases it.
 *
 * @param error the run's error, as the status shows it (the CA's problem, the solver's message)
 * @param at when the run failed
 */
public record FailureRecord(String error, Instant at) {
  public FailureRecord {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }
}
