package dev.lanyard.dns.net;

import dev.lanyard.dns.query.QueryHandler;
import dev.lanyard.dns.query.ResponseSink;
import dev.lanyard.dns.query.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP on every listener: per listener, one socket per receiving thread, all bound to the same
 * address with {@code SO_REUSEPORT} so the kernel spreads clients over them. Each thread owns
 * direct buffers and a {@link Worker} and reuses them for every packet.
 */
public final class UdpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpServer.class);

  private final QueryHandler handler;
  private final int threadsPerListener;
  private final List<DatagramChannel> channels = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private final AtomicLong lastErrorLog = new AtomicLong();
  private volatile boolean running;

  public UdpServer(QueryHandler handler, int threadsPerListener) {
    this.handler = handler;
    this.threadsPerListener = threadsPerListener;
  }

  /**
   * Binds {@code address} (port 0 picks one) with all its sockets and returns the bound address.
   * {@code index} is the listener's number, which the view rules refer to.
   */
  public InetSocketAddress bind(int index, InetSocketAddress address) throws IOException {
    List<DatagramChannel> mine = new ArrayList<>();
    InetSocketAddress actual = null;
    try {
      for (int i = 0; i < threadsPerListener; i++) {
        DatagramChannel ch = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        mine.add(ch);
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        ch.bind(actual == null ? address : actual);
        if (actual == null) {
          actual = (InetSocketAddress) ch.getLocalAddress();
        }
        if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          break;
        }
      }
    } catch (IOException e) {
      for (DatagramChannel ch : mine) {
        ch.close();
      }
      throw new IOException("cannot listen on UDP " + address + ": " + e.getMessage(), e);
    }
    synchronized (this) {
      for (DatagramChannel ch : mine) {
        channels.add(ch);
        Thread t = Thread.ofPlatform().daemon().name("dns-udp-" + actual.getPort() + "-" + threads.size())
            .unstarted(() -> serve(index, ch));
        threads.add(t);
      }
      bound.add(actual);
    }
    return actual;
  }

  /** Closes and forgets the sockets of a bound address that will not be used (before {@link #start()}). */
  public synchronized void release(InetSocketAddress address) {
    for (int i = channels.size() - 1; i >= 0; i--) {
      DatagramChannel ch = channels.get(i);
      try {
        if (address.equals(ch.getLocalAddress())) {
          ch.close();
          channels.remove(i);
          threads.remove(i);
        }
      } catch (IOException e) {
        log.debug("releasing UDP socket: {}", e.toString());
      }
    }
    bound.remove(address);
  }

  public synchronized void start() {
    running = true;
    threads.forEach(Thread::start);
  }

  private void serve(int index, DatagramChannel ch) {
    ByteBuffer rx = ByteBuffer.allocateDirect(Worker.MAX_MESSAGE);
    ByteBuffer tx = ByteBuffer.allocateDirect(Worker.MAX_MESSAGE);
    Worker worker = new Worker();
    byte[] in = worker.input();
    Reply reply = new Reply(ch, tx);
    while (running) {
      try {
        rx.clear();
        SocketAddress from = ch.receive(rx);
        if (from == null) {
          continue;
        }
        rx.flip();
        int len = rx.remaining();
        rx.get(in, 0, len);
        reply.to = from;
        handler.handle(worker, in, len, QueryHandler.UDP, index, (InetSocketAddress) from, reply);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (!running) {
          return;
        }
        long now = System.nanoTime();
        long last = lastErrorLog.get();
        if (now - last > 10_000_000_000L && lastErrorLog.compareAndSet(last, now)) {
          log.warn("UDP query on {} failed: {}", index, e.toString());
        }
      }
    }
  }

  /** Sends one response back to where the current query came from; reused across packets. */
  private static final class Reply implements ResponseSink {
    private final DatagramChannel ch;
    private final ByteBuffer tx;
    SocketAddress to;

    Reply(DatagramChannel ch, ByteBuffer tx) {
      this.ch = ch;
      this.tx = tx;
    }

    @Override
    public void send(byte[] buf, int len) throws IOException {
      tx.clear();
      tx.put(buf, 0, len);
      tx.flip();
      ch.send(tx, to);
    }
  }

  public synchronized List<InetSocketAddress> boundAddresses() {
    return List.copyOf(bound);
  }

  public boolean running() {
    return running && channels.stream().allMatch(DatagramChannel::isOpen);
  }

  @Override
  public synchronized void close() {
    running = false;
    for (DatagramChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        log.debug("closing UDP socket: {}", e.toString());
      }
    }
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
