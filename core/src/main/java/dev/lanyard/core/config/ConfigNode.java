package dev.lanyard.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lanyard.core.net.Cidr;
import dev.lanyard.core.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in the config tree that knows its key path and records problems instead of throwing,
 * so that loading reports every problem at once. Readers return a usable default after a problem.
 */
public final class ConfigNode {
  private final JsonNode node;
  private final String path;
  private final List<ConfigProblem> problems;
  private final Path baseDir;

  ConfigNode(JsonNode node, String path, List<ConfigProblem> problems, Path baseDir) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    this.problems = problems;
    this.baseDir = baseDir;
  }

  public String path() {
    return path;
  }

  public boolean isMissing() {
    return node.isMissingNode() || node.isNull();
  }

  public boolean has(String key) {
    JsonNode child = node.get(key);
    return child != null && !child.isNull();
  }

  public ConfigNode get(String key) {
    return new ConfigNode(node.isObject() ? node.get(key) : null, childPath(key), problems, baseDir);
  }

  public void problem(String message) {
    problems.add(new ConfigProblem(path, message));
  }

  /** Reports keys this section does not know, so typos never pass silently. */
  public void allowOnly(String... keys) {
    if (!node.isObject()) {
      return;
    }
    Set<String> known = Set.of(keys);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        problems.add(new ConfigProblem(childPath(k), "unknown key (known here: " + String.join(", ", keys) + ")"));
      }
    }
  }

  /** True when this node is a mapping; reports a problem (and returns false) when it is something else. */
  public boolean expectObject() {
    if (isMissing()) {
      return false;
    }
    if (!node.isObject()) {
      problem("must be a mapping, not " + describe(node));
      return false;
    }
    return true;
  }

  public Optional<String> optString(String key) {
    ConfigNode c = get(key);
    if (c.isMissing()) {
      return Optional.empty();
    }
    if (!c.node.isTextual() && !c.node.isNumber() && !c.node.isBoolean()) {
      c.problem("must be a string, not " + describe(c.node));
      return Optional.empty();
    }
    return Optional.of(c.node.asText());
  }

  public String string(String key, String defaultValue) {
    return optString(key).orElse(defaultValue);
  }

  public String requiredString(String key) {
    Optional<String> s = optString(key);
    if (s.isEmpty() && get(key).isMissing()) {
      get(key).problem("is required");
    }
    return s.orElse("");
  }

  public boolean bool(String key, boolean defaultValue) {
    ConfigNode c = get(key);
    if (c.isMissing()) {
      return defaultValue;
    }
    if (c.node.isBoolean()) {
      return c.node.booleanValue();
    }
    if (c.node.isTextual() && (c.node.asText().equals("true") || c.node.asText().equals("false"))) {
      return Boolean.parseBoolean(c.node.asText());
    }
    c.problem("must be true or false, not " + describe(c.node));
    return defaultValue;
  }

  public long integer(String key, long defaultValue, long min, long max) {
    ConfigNode c = get(key);
    if (c.isMissing()) {
      return defaultValue;
    }
    long v;
    if (c.node.isIntegralNumber()) {
      v = c.node.longValue();
    } else if (c.node.isTextual() && c.node.asText().matches("-?\\d{1,18}")) {
      v = Long.parseLong(c.node.asText());
    } else {
      c.problem("must be a whole number, not " + describe(c.node));
      return defaultValue;
    }
    if (v < min || v > max) {
      c.problem(v + " is out of range " + min + ".." + max);
      return defaultValue;
    }
    return v;
  }

  public Duration duration(String key, Duration defaultValue) {
    return optDuration(key).orElse(defaultValue);
  }

  public Optional<Duration> optDuration(String key) {
    ConfigNode c = get(key);
    if (c.isMissing()) {
      return Optional.empty();
    }
    Optional<Duration> d = c.node.isIntegralNumber()
        ? Optional.of(Duration.ofSeconds(c.node.longValue()))
        : Durations.parse(c.node.asText());
    if (d.isEmpty() || d.get().isNegative()) {
      c.problem("\"" + c.node.asText() + "\" is not a duration (use e.g. 90s, 10m, 2160h, 30d)");
      return Optional.empty();
    }
    return d;
  }

  /** A path relative to the config file's directory. */
  public Optional<Path> optPath(String key) {
    return optString(key).filter(s -> !s.isBlank()).map(s -> baseDir.resolve(s).normalize());
  }

  public Path baseDir() {
    return baseDir;
  }

  /** The elements of a sequence; a missing key is an empty list, a scalar is reported. */
  public List<ConfigNode> list(String key) {
    ConfigNode c = get(key);
    return c.elements();
  }

  public List<ConfigNode> elements() {
    if (isMissing()) {
      return List.of();
    }
    if (!node.isArray()) {
      problem("must be a list, not " + describe(node));
      return List.of();
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems, baseDir));
    }
    return out;
  }

  /** A list of strings; a single string is accepted as a one-element list. */
  public List<String> strings(String key) {
    ConfigNode c = get(key);
    if (c.isMissing()) {
      return List.of();
    }
    if (c.node.isValueNode()) {
      return List.of(c.node.asText());
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode e : c.elements()) {
      if (!e.node.isValueNode()) {
        e.problem("must be a string, not " + describe(e.node));
      } else {
        out.add(e.node.asText());
      }
    }
    return out;
  }

  /** Parses each string of a list, reporting the ones that do not parse. */
  public <T> List<T> parsedStrings(String key, Function<String, Optional<T>> parser, String what) {
    ConfigNode c = get(key);
    List<T> out = new ArrayList<>();
    List<ConfigNode> items = c.isMissing() ? List.of() : c.node.isValueNode() ? List.of(c) : c.elements();
    for (ConfigNode e : items) {
      if (!e.node.isValueNode()) {
        e.problem("must be a string, not " + describe(e.node));
        continue;
      }
      Optional<T> v = parser.apply(e.node.asText());
      if (v.isEmpty()) {
        e.problem("\"" + e.node.asText() + "\" is not " + what);
      } else {
        out.add(v.get());
      }
    }
    return out;
  }

  public List<Cidr> cidrs(String key) {
    return parsedStrings(key, Cidr::parse, "a CIDR");
  }

  public List<HostPort> hostPorts(String key, int defaultPort) {
    return parsedStrings(key, s -> HostPort.parse(s, defaultPort), "a host:port");
  }

  /** Where to listen: an IP literal and a port, {@code 0.0.0.0:5353} or {@code [::]:53}; no names. */
  public List<HostPort> listenAddresses(String key) {
    return parsedStrings(key, s -> HostPort.parse(s, -1).filter(h -> h.address().isPresent()),
        "an IP address and port (e.g. \"0.0.0.0:5353\", \"[::]:53\")");
  }

  /** The entries of a mapping, in file order. */
  public Map<String, ConfigNode> entries(String key) {
    ConfigNode c = get(key);
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    if (c.isMissing() || !c.expectObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = c.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), new ConfigNode(e.getValue(), c.childPath(e.getKey()), problems, baseDir));
    }
    return out;
  }

  public String text() {
    return node.asText();
  }

  public boolean isList() {
    return node.isArray();
  }

  public boolean isScalar() {
    return node.isValueNode() && !node.isNull();
  }

  private String childPath(String key) {
    String k = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    return path.isEmpty() ? k : path + "." + k;
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isTextual()) {
      return "\"" + n.asText() + "\"";
    }
    return n.toString();
  }
}
