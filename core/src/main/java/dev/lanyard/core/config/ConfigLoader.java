package dev.lanyard.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.core.files.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and validates the config file; reports every problem with its key path. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  public static LanyardConfig load(Path file) throws ConfigException {
    Path abs = file.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "is a directory; give the config file")));
    }
    String text;
    try {
      text = Files.readString(abs);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "file not found")));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "cannot read: " + IoReasons.of(e))));
    }
    return parse(text, abs, abs.getParent());
  }

  /** Parses config text; relative paths resolve against {@code baseDir}. */
  public static LanyardConfig parse(String text, Path file, Path baseDir) throws ConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new ConfigException(file.toString(),
          List.of(new ConfigProblem("", "too large or nested too deeply to be a config (" + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + ")")));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new ConfigException(file.toString(),
          List.of(new ConfigProblem("", where + "not valid YAML: " + e.getOriginalMessage())));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigNode n = new ConfigNode(root, "", problems, baseDir);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "the file is empty")));
    }
    if (!n.expectObject()) {
      throw new ConfigException(file.toString(), problems);
    }
    n.allowOnly("zones", "dns", "views", "gateways", "sources", "sync", "certificates", "http", "leaderElection");

    List<ZoneConfig> zones = new ArrayList<>();
    for (ConfigNode z : n.list("zones")) {
      zones.add(ZoneConfig.parse(z));
    }
    if (!n.has("zones")) {
      n.get("zones").problem("at least one zone is required, e.g. [{name: example.com, nameservers: [...]}]");
    }
    DnsConfig dns = n.has("dns") ? DnsConfig.parse(n.get("dns")) : DnsConfig.defaults();
    List<ViewConfig> views = new ArrayList<>();
    for (ConfigNode v : n.list("views")) {
      views.add(ViewConfig.parse(v));
    }
    if (views.isEmpty()) {
      views.add(ViewConfig.implicitDefault());
    }
    Map<String, GatewayConfig> gateways = new LinkedHashMap<>();
    n.entries("gateways").forEach((k, v) -> gateways.put(k, GatewayConfig.parse(v)));
    SourcesConfig sources = SourcesConfig.parse(n.get("sources"));
    if (!n.has("sources")) {
      n.get("sources").problem("is required: sources.manifests.paths and/or sources.kubernetes.enabled");
    }
    SyncConfig sync = n.has("sync") ? SyncConfig.parse(n.get("sync")) : SyncConfig.defaults();
    CertificatesConfig certificates =
        n.has("certificates") ? CertificatesConfig.parse(n.get("certificates")) : CertificatesConfig.defaults();
    HttpConfig http = HttpConfig.parse(n.get("http"));
    LeaderElectionConfig leader = LeaderElectionConfig.parse(n.get("leaderElection"));

    LanyardConfig config =
        new LanyardConfig(file, zones, dns, views, gateways, sources, sync, certificates, http, leader);
    problems.addAll(LanyardConfig.crossCheck(n, config));
    if (!problems.isEmpty()) {
      throw new ConfigException(file.toString(), problems);
    }
    return config;
  }
}
