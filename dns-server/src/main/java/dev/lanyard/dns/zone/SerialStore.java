package dev.lanyard.dns.zone;

import dev.lanyard.core.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOA serials per view and zone. A new serial is {@code max(last + 1, epoch seconds)}, so it rises
 * on every content change and, with the file, never goes backwards across restarts. The file also
 * keeps a digest of the content: a restart with unchanged content keeps the serial, so
 * secondaries do not transfer for nothing. Format: one {@code view zone serial digest} per line.
 */
public final class SerialStore {
  private static final Logger log = LoggerFactory.getLogger(SerialStore.class);
  private static final long MAX_SERIAL = 0xffffffffL;

  private record Entry(long serial, byte[] digest) {}

  private final Optional<Path> file;
  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public SerialStore(Optional<Path> file, Clock clock) {
    this.file = file;
    this.clock = clock;
    file.ifPresent(this::load);
  }

  private void load(Path f) {
    if (!Files.exists(f)) {
      return;
    }
    try {
      int lineNo = 0;
      for (String line : Files.readAllLines(f)) {
        lineNo++;
        String[] parts = line.trim().split("\\s+");
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        try {
          if (parts.length != 4) {
            throw new IllegalArgumentException("expected: view zone serial digest");
          }
          entries.put(key(parts[0], parts[1]),
              new Entry(Long.parseLong(parts[2]), HexFormat.of().parseHex(parts[3])));
        } catch (IllegalArgumentException e) {
          log.warn("serial file {} line {} ignored ({}): {}", f, lineNo, e.getMessage(), line);
        }
      }
    } catch (IOException e) {
      log.warn("cannot read serial file {} ({}); serials start from the clock", f, e.getMessage());
    }
  }

  /** The serial to show before the first sync: the last one known, else 0. */
  public synchronized long current(String view, String zone) {
    Entry e = entries.get(key(view, zone));
    return e == null ? 0 : e.serial;
  }

  /** The serial for content with {@code digest}: unchanged when the digest is the last one seen. */
  public synchronized long next(String view, String zone, byte[] digest) {
    String k = key(view, zone);
    Entry e = entries.get(k);
    if (e != null && java.util.Arrays.equals(e.digest, digest)) {
      return e.serial;
    }
    long now = clock.instant().getEpochSecond();
    long serial = e == null ? now : Math.max(e.serial + 1, now);
    if (serial > MAX_SERIAL) {
      serial = serial & MAX_SERIAL;
    }
    entries.put(k, new Entry(serial, digest.clone()));
    save();
    return serial;
  }

  private void save() {
    if (file.isEmpty()) {
      return;
    }
    Path f = file.get();
    List<String> lines = new ArrayList<>();
    lines.add("# Lanyard SOA serials: view zone serial content-digest");
    entries.forEach((k, e) -> lines.add(k + " " + e.serial + " " + HexFormat.of().formatHex(e.digest)));
    try {
      AtomicFile.write(f, String.join("\n", lines) + "\n", AtomicFile.PUBLIC);
    } catch (IOException e) {
      log.warn("cannot write serial file {} ({}); serials may repeat after a restart", f, e.getMessage());
    }
  }

  private static String key(String view, String zone) {
    return view + " " + zone;
  }
}
