package dev.lanyard.sync.cloudflare.fake;

import java.util.List;
import java.util.Optional;

/** An error answer of the fake: HTTP status, Cloudflare code and message, batch pointer, error chain. */
final class FakeApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final int code;
  final transient Optional<String> pointer;
  final transient List<FakeApiError> chain;

  FakeApiError(int status, int code, String message) {
    this(status, code, message, Optional.empty(), List.of());
  }

  FakeApiError(int status, int code, String message, Optional<String> pointer, List<FakeApiError> chain) {
    super(message);
    this.status = status;
    this.code = code;
    this.pointer = pointer;
    this.chain = List.copyOf(chain);
  }

  /** Cloudflare's 1004 "DNS Validation Error" wrapping the real cause. */
  static FakeApiError validation(int code, String message) {
    return new FakeApiError(400, 1004, "DNS Validation Error", Optional.empty(),
        List.of(new FakeApiError(400, code, message)));
  }

  FakeApiError at(String newPointer) {
    return new FakeApiError(status, code, getMessage(), Optional.of(newPointer), chain);
  }
}
