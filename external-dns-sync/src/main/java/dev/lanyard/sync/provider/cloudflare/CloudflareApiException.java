package dev.lanyard.sync.provider.cloudflare;

import java.io.IOException;
import java.util.List;

/** Cloudflare refused a request: the HTTP status and the {@code errors} of its envelope. */
public final class CloudflareApiException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<CloudflareError> errors;

  public CloudflareApiException(String request, int status, List<CloudflareError> errors) {
    super("Cloudflare refused " + request + " (HTTP " + status + "): " + CloudflareErrors.explain(status, errors));
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<CloudflareError> errors() {
    return errors;
  }

  /** Worth retrying later unchanged: a server-side failure. */
  public boolean transientFailure() {
    return status >= 500;
  }

  /** True when any error (or its chain) has {@code code}. */
  public boolean has(int code) {
    return errors.stream().flatMap(e -> e.flatten().stream()).anyMatch(e -> e.code() == code);
  }
}
