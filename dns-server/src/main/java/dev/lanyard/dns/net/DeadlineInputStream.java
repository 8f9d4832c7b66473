package dev.lanyard.dns.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with one deadline for a whole message rather than a timeout per read, so a
 * client trickling one byte at a time cannot hold a connection open: every read waits only for
 * what is left until the deadline, and {@link #restart} starts the next message's allowance.
 */
final class DeadlineInputStream extends FilterInputStream {
  private final Socket socket;
  private final long allowanceNanos;
  private long deadline;

  DeadlineInputStream(Socket socket, InputStream in, Duration allowance) {
    super(in);
    this.socket = socket;
    this.allowanceNanos = allowance.toNanos();
    restart();
  }

  void restart() {
    deadline = System.nanoTime() + allowanceNanos;
  }

  @Override
  public int read() throws IOException {
    arm();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    return super.read(b, off, len);
  }

  private void arm() throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("the message did not arrive within its time");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
  }
}
