package dev.lanyard.dns.net;

import dev.lanyard.dns.query.QueryHandler;
import dev.lanyard.dns.query.ResponseSink;
import dev.lanyard.dns.query.Worker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over TCP (RFC 7766): a virtual thread per connection, pipelined queries answered in order
 * (responses are flushed when no further query is already waiting), an idle timeout within which
 * each whole query must arrive (trickled bytes do not extend it), and a cap on concurrent
 * connections (a connection over the cap is closed at once).
 */
public final class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

  private final QueryHandler handler;
  private final Duration idleTimeout;
  private final Semaphore permits;
  private final List<ServerSocket> servers = new ArrayList<>();
  private final List<Thread> acceptors = new ArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /** Workers (each with 64 KiB buffers) are lent per message, not held per idle connection. */
  private final Queue<Worker> workers = new ConcurrentLinkedQueue<>();
  private volatile boolean running;
  private static final long CAP_WARNING_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  private final AtomicLong lastCapWarning = new AtomicLong(System.nanoTime() - CAP_WARNING_EVERY_NANOS - 1);

  public TcpServer(QueryHandler handler, int maxConnections, Duration idleTimeout) {
    this.handler = handler;
    this.idleTimeout = idleTimeout;
    this.permits = new Semaphore(maxConnections);
  }

  public InetSocketAddress bind(int index, InetSocketAddress address) throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address, 256);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on TCP " + address + ": " + e.getMessage(), e);
    }
    synchronized (this) {
      servers.add(server);
      acceptors.add(Thread.ofVirtual().name("dns-tcp-accept-" + server.getLocalPort()).unstarted(() -> accept(index, server)));
    }
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  public synchronized void start() {
    running = true;
    acceptors.forEach(Thread::start);
  }

  private void accept(int index, ServerSocket server) {
    while (running) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (running) {
          log.warn("TCP accept on {} failed: {}", server.getLocalSocketAddress(), e.toString());
        }
        if (server.isClosed()) {
          return;
        }
        continue;
      }
      if (!permits.tryAcquire()) {
        long now = System.nanoTime();
        long last = lastCapWarning.get();
        if (now - last > CAP_WARNING_EVERY_NANOS && lastCapWarning.compareAndSet(last, now)) {
          log.warn("TCP connection from {} closed: {} connections already open (dns.tcp.maxConnections); "
              + "further refusals are not logged for a minute", s.getRemoteSocketAddress(), open.size());
        }
        closeQuietly(s);
        continue;
      }
      open.add(s);
      Thread.ofVirtual().name("dns-tcp-" + s.getPort()).start(() -> {
        try {
          serve(index, s);
        } finally {
          open.remove(s);
          closeQuietly(s);
          permits.release();
        }
      });
    }
  }

  private void serve(int index, Socket s) {
    InetSocketAddress remote = (InetSocketAddress) s.getRemoteSocketAddress();
    try {
      s.setTcpNoDelay(true);
      // Each query must arrive whole within idleTimeout of the previous answer (or of the connect).
      DeadlineInputStream timed = new DeadlineInputStream(s, s.getInputStream(), idleTimeout);
      InputStream raw = new BufferedInputStream(timed, 4096);
      DataInputStream in = new DataInputStream(raw);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 4096);
      ResponseSink sink = (b, len) -> {
        out.write(len >>> 8);
        out.write(len);
        out.write(b, 0, len);
      };
      while (running) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        Worker worker = borrow();
        try {
          byte[] buf = worker.input();
          in.readFully(buf, 0, len);
          handler.handle(worker, buf, len, QueryHandler.TCP, index, remote, sink);
        } finally {
          workers.offer(worker);
        }
        if (raw.available() == 0) {
          out.flush();
        }
        timed.restart();
      }
    } catch (SocketTimeoutException | EOFException e) {
      log.debug("TCP client {} stalled in the middle of a message", remote);
    } catch (SocketException e) {
      log.debug("TCP client {}: {}", remote, e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (running) {
        log.warn("TCP client {}: {}", remote, e.toString());
      }
    }
  }

  private Worker borrow() {
    Worker w = workers.poll();
    return w != null ? w : new Worker();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      log.debug("closing TCP connection: {}", e.toString());
    }
  }

  public boolean running() {
    return running && servers.stream().noneMatch(ServerSocket::isClosed);
  }

  @Override
  public synchronized void close() {
    running = false;
    for (ServerSocket s : servers) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("closing TCP listener: {}", e.toString());
      }
    }
    open.forEach(TcpServer::closeQuietly);
  }
}
