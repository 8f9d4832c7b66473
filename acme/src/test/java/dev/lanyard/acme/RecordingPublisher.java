package dev.lanyard.acme;

import dev.lanyard.core.challenge.TxtRecordPublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Passes calls on and remembers them, so tests can say where challenge values went. */
final class RecordingPublisher implements TxtRecordPublisher {
  record Call(String op, String name, String value) {}

  private final TxtRecordPublisher delegate;
  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  RecordingPublisher(TxtRecordPublisher delegate) {
    this.delegate = delegate;
  }

  @Override
  public void add(String fqdn, String value) throws IOException {
    calls.add(new Call("add", fqdn, value));
    delegate.add(fqdn, value);
  }

  @Override
  public void remove(String fqdn, String value) throws IOException {
    calls.add(new Call("remove", fqdn, value));
    delegate.remove(fqdn, value);
  }

  List<Call> adds() {
    synchronized (calls) {
      return calls.stream().filter(c -> c.op().equals("add")).toList();
    }
  }

  List<Call> removes() {
    synchronized (calls) {
      return calls.stream().filter(c -> c.op().equals("remove")).toList();
    }
  }
}
