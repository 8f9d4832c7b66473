package dev.lanyard.core.testing;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.core.source.ManifestParser;
import dev.lanyard.core.translate.Translator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds configs, inventories and states from YAML text, for tests in every module. */
public final class Fixtures {
  public static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  /** A config with one zone (example.com), views lan (10/8, 127/8) and public, and a manifest source. */
  public static final String BASE_CONFIG = """
      zones:
        - name: example.com
          ttl: 300
          nameservers: [{name: ns1.example.com, addresses: [192.0.2.53]}]
      views:
        - {name: lan, clients: ["10.0.0.0/8", "127.0.0.0/8"]}
        - {name: public, public: true}
      sources:
        kubernetes: {enabled: true}
      """;

  private Fixtures() {}

  public static LanyardConfig config(String yaml) {
    try {
      return ConfigLoader.parse(yaml, Path.of("test.yaml"), Path.of(System.getProperty("java.io.tmpdir")));
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The base config with {@code extra} YAML appended (top-level keys). */
  public static LanyardConfig baseConfig(String extra) {
    return config(BASE_CONFIG + extra);
  }

  public static Inventory inventory(String manifests) {
    return inventory(manifests, false);
  }

  public static Inventory inventory(String manifests, boolean requireAccepted) {
    ManifestParser.Parsed parsed = ManifestParser.parse("test.yaml", manifests, requireAccepted);
    if (parsed.failed()) {
      throw new AssertionError("fixture manifests do not parse: " + parsed.problems());
    }
    return parsed.inventory();
  }

  public static DesiredState state(LanyardConfig config, String manifests) {
    return Translator.translate(config, inventory(manifests), List.of(synced("test")), 1, NOW);
  }

  public static SourceStatus synced(String name) {
    return new SourceStatus(name, true, List.of(), Optional.of(NOW));
  }

  /** A synced state holding exactly these record sets in the named view (others empty). */
  public static DesiredState stateWith(LanyardConfig config, String view, List<RecordSet> records) {
    List<ViewRecords> views = new ArrayList<>();
    config.views().forEach(v -> views.add(new ViewRecords(v.name(), v.isPublic(), v.name().equals(view) ? records : List.of())));
    return new DesiredState(1, NOW, views, List.of(), List.of(), List.of(synced("test")));
  }

  /** Renders a view's records one per line: {@code name TYPE ttl v1,v2}. */
  public static List<String> lines(DesiredState state, String view) {
    return state.view(view).orElseThrow().records().stream()
        .map(r -> r.name() + " " + r.type() + " " + r.ttl() + " " + String.join(",", r.values()))
        .toList();
  }

  public static List<String> problems(DesiredState state) {
    return state.problems().stream().map(Problem::toString).toList();
  }
}
