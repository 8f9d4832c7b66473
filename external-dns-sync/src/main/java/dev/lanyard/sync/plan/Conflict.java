package dev.lanyard.sync.plan;

import dev.lanyard.core.model.RecordType;

/** A desired record set the plan leaves alone, and why: the user must act on it. */
public record Conflict(String name, RecordType type, String reason) {

  @Override
  public String toString() {
    return name + " " + type + ": " + reason;
  }
}
