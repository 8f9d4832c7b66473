package dev.lanyard.sync.cloudflare.fake;

/** What a request to the fake was, for the counters tests and benchmarks assert on. */
public enum RequestKind {
  LIST_ZONES(false),
  GET_ZONE(false),
  LIST_RECORDS(false),
  GET_RECORD(false),
  BATCH(true),
  CREATE(true),
  OVERWRITE(true),
  EDIT(true),
  DELETE(true),
  OTHER(false);

  private final boolean write;

  RequestKind(boolean write) {
    this.write = write;
  }

  public boolean isWrite() {
    return write;
  }

  public boolean isList() {
    return this == LIST_ZONES || this == LIST_RECORDS;
  }
}
