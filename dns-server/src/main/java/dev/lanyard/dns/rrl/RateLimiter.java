package dev.lanyard.dns.rrl;

import dev.lanyard.core.config.DnsConfig;
import java.util.function.LongSupplier;

/**
 * Response rate limiting per client network (IPv4 /24, IPv6 /56) for UDP, so the server cannot be
 * used to amplify traffic towards a spoofed address. Each network has a token bucket of
 * {@code responsesPerSecond} tokens refilled at that rate. Past it, responses are limited: every
 * second limited response is sent truncated (TC=1, "slip"), so a real client behind that network
 * retries over TCP, and the others are dropped. A network that keeps sending runs into debt, down
 * to {@code window} seconds' worth of responses, and stays limited until it has paid it back.
 *
 * <p>The table has a fixed size; networks that collide share a slot and the newer one takes it.
 */
public final class RateLimiter {
  public enum Decision { SEND, DROP, SLIP }

  private static final int SLOTS = 1 << 14;
  private static final int STRIPES = 64;
  private static final int SLIP_EVERY = 2;

  private final boolean enabled;
  private final double rate;
  private final double floor;
  private final LongSupplier nanoClock;
  private final long[] keys = new long[SLOTS];
  private final double[] tokens = new double[SLOTS];
  private final long[] stamps = new long[SLOTS];
  private final int[] limited = new int[SLOTS];
  private final Object[] locks = new Object[STRIPES];

  public RateLimiter(DnsConfig.Rrl config, LongSupplier nanoClock) {
    this.enabled = config.enabled();
    this.rate = config.responsesPerSecond();
    this.floor = -rate * Math.max(1, config.window().toMillis() / 1000.0);
    this.nanoClock = nanoClock;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  public boolean enabled() {
    return enabled;
  }

  /** Decides the fate of one UDP response to {@code addr} (4 or 16 bytes). */
  public Decision check(byte[] addr, int len) {
    if (!enabled) {
      return Decision.SEND;
    }
    long key = networkKey(addr, len);
    int slot = (int) (mix(key) & (SLOTS - 1));
    long now = nanoClock.getAsLong();
    synchronized (locks[slot & (STRIPES - 1)]) {
      if (keys[slot] != key) {
        keys[slot] = key;
        tokens[slot] = rate;
        stamps[slot] = now;
        limited[slot] = 0;
      }
      double elapsed = (now - stamps[slot]) / 1e9;
      stamps[slot] = now;
      double t = Math.min(rate, tokens[slot] + elapsed * rate);
      if (t >= 1) {
        tokens[slot] = t - 1;
        return Decision.SEND;
      }
      tokens[slot] = Math.max(floor, t - 1);
      return ++limited[slot] % SLIP_EVERY == 0 ? Decision.SLIP : Decision.DROP;
    }
  }

  /** The client's /24 (IPv4, or IPv4-mapped IPv6) or /56 (IPv6), tagged by family; never 0. */
  static long networkKey(byte[] a, int len) {
    if (len == 16 && isV4Mapped(a)) {
      return 1L << 60 | (a[12] & 0xffL) << 16 | (a[13] & 0xffL) << 8 | (a[14] & 0xffL);
    }
    if (len == 4) {
      return 1L << 60 | (a[0] & 0xffL) << 16 | (a[1] & 0xffL) << 8 | (a[2] & 0xffL);
    }
    long k = 2L << 60;
    for (int i = 0; i < 7; i++) {
      k |= (a[i] & 0xffL) << (8 * (6 - i));
    }
    return k;
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return k;
  }
}
