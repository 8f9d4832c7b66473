package dev.lanyard.dns.transfer;

import dev.lanyard.core.net.HostPort;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Sends NOTIFY (RFC 1996) for a zone to every configured secondary, over UDP, retrying with a
 * doubling timeout until the secondary acknowledges or the attempts run out. A newer NOTIFY for
 * the same target and zone supersedes one still retrying.
 */
public final class NotifySender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

  private final List<HostPort> targets;
  private final TSIG key;
  private final Duration firstTimeout;
  private final int attempts;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

  /** {@code key}: signs every NOTIFY when not null (secondaries that pull with a key expect it). */
  public NotifySender(List<HostPort> targets, TSIG key, Duration firstTimeout, int attempts) {
    this.targets = List.copyOf(targets);
    this.key = key;
    this.firstTimeout = firstTimeout;
    this.attempts = attempts;
  }

  /** Notifies every target about {@code zone} (normalized, no trailing dot), in the background. */
  public void notifyZone(String zone) {
    for (HostPort target : targets) {
      AtomicLong gen = generations.computeIfAbsent(target + " " + zone, k -> new AtomicLong());
      long mine = gen.incrementAndGet();
      try {
        executor.execute(() -> send(target, zone, gen, mine));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void send(HostPort target, String zone, AtomicLong gen, long mine) {
    InetSocketAddress to;
    try {
      to = target.toSocketAddress();
      if (to.isUnresolved()) {
        log.warn("cannot send NOTIFY for {} to {}: the name does not resolve", zone, target);
        return;
      }
    } catch (RuntimeException e) {
      log.warn("cannot send NOTIFY for {} to {}: {}", zone, target, e.getMessage());
      return;
    }
    Duration timeout = firstTimeout;
    for (int attempt = 1; attempt <= attempts && gen.get() == mine; attempt++) {
      Message m = new Message();
      m.getHeader().setOpcode(Opcode.NOTIFY);
      m.getHeader().setFlag(Flags.AA);
      m.addRecord(Record.newRecord(Name.fromConstantString(zone + "."), Type.SOA, DClass.IN), Section.QUESTION);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout((int) timeout.toMillis());
        if (key != null) {
          m.setTSIG(key);
        }
        byte[] wire = m.toWire(Message.MAXLENGTH);
        socket.send(new DatagramPacket(wire, wire.length, to));
        byte[] buf = new byte[4096];
        while (true) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          Message reply;
          try {
            reply = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
          } catch (IOException e) {
            continue;
          }
          if (reply.getHeader().getID() != m.getHeader().getID() || !reply.getHeader().getFlag(Flags.QR)) {
            continue;
          }
          if (reply.getRcode() != Rcode.NOERROR) {
            log.warn("{} answered NOTIFY for {} with {}; it will not pull the zone until its refresh timer",
                target, zone, Rcode.string(reply.getRcode()));
          } else {
            log.debug("{} acknowledged NOTIFY for {}", target, zone);
          }
          return;
        }
      } catch (SocketTimeoutException e) {
        timeout = timeout.multipliedBy(2);
      } catch (IOException e) {
        log.debug("NOTIFY for {} to {} failed: {}", zone, target, e.getMessage());
        timeout = timeout.multipliedBy(2);
        sleep(timeout);
      }
    }
    if (gen.get() == mine) {
      log.warn("{} did not acknowledge NOTIFY for {} after {} attempts; it will pick the change up at its "
          + "SOA refresh", target, zone, attempts);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
