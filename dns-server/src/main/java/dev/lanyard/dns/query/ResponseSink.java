package dev.lanyard.dns.query;

import java.io.IOException;

/** Where responses go: a datagram back to the client, or a length-prefixed TCP message. */
public interface ResponseSink {
  void send(byte[] buf, int len) throws IOException;
}
