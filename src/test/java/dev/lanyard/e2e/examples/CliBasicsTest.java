package dev.lanyard.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.e2e.support.FreePorts;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar's command line as a newcomer meets it: help everywhere, config mistakes, the records JSON. */
class CliBasicsTest {
  private static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z][a-z-]*)\\s{2,}\\S");

  @TempDir Path tmp;

  @Test
  void helpExitsZeroOnTheRootAndOnEveryCommandItLists() {
    long started = System.nanoTime();
    List<String> helped = new ArrayList<>();
    help(List.of(), helped);
    assertThat(helped).as("commands the help lists").contains(
        "serve", "check", "records", "plan", "sync", "certs", "certs list", "certs issue", "ca", "ca init", "ca issue");
    System.out.printf("CLI help proved, in %.1f s: `lanyard --help` and `--help` on all %d commands it lists exit 0 "
        + "with a usage line: %s%n", (System.nanoTime() - started) / 1e9, helped.size(), String.join(", ", helped));
  }

  /** Runs {@code lanyard <command> --help}, then the same for every subcommand its help lists. */
  private void help(List<String> command, List<String> helped) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    ProcessRun r = LanyardProcess.run(tmp, Map.of(), args.toArray(String[]::new));
    String shown = "lanyard " + String.join(" ", args);
    assertThat(r.exitCode()).as("%s:%n%s%s", shown, r.stdout(), r.stderr()).isZero();
    assertThat(r.stdout()).as(shown).startsWith("Usage: lanyard" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
    if (!command.isEmpty()) {
      helped.add(String.join(" ", command));
    }
    for (String sub : subcommands(r.stdout())) {
      List<String> next = new ArrayList<>(command);
      next.add(sub);
      help(next, helped);
    }
  }

  private static List<String> subcommands(String help) {
    int at = help.indexOf("\nCommands:\n");
    if (at < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : help.substring(at + "\nCommands:\n".length()).split("\n")) {
      Matcher m = COMMAND_LINE.matcher(line);
      if (m.find() && !m.group(1).equals("help")) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void aBadConfigListsEveryProblemWithItsKeyPathAndExitsOne() throws Exception {
    long started = System.nanoTime();
    Files.writeString(tmp.resolve("lanyard.yaml"), """
        zones:
          - name: example.com
            ttl: -5
        dns:
          listen: ["127.0.0.1:99999"]
        views:
          - {name: lan, clients: ["10.0.0/8"]}
          - {name: lan, clients: ["192.168.0.0/16"]}
        gateways:
          network/envoy-internal: {views: [nowhere]}
        sources:
          manifests: {paths: [./missing]}
        colour: blue
        """);
    List<String> expected = List.of(
        "colour: unknown key",
        "zones[0].ttl: -5 is out of range",
        "zones[0].nameservers: at least one nameserver is required",
        "dns.listen[0]: \"127.0.0.1:99999\" is not an IP address and port",
        "views[0].clients[0]: \"10.0.0/8\" is not a CIDR",
        "views[1].name: duplicate view name \"lan\"",
        "gateways.\"network/envoy-internal\".views: no view named \"nowhere\"",
        "sources.manifests.paths[0]: " + tmp.resolve("missing") + " does not exist");
    for (String command : List.of("check", "serve", "records")) {
      ProcessRun r = LanyardProcess.run(tmp, Map.of(), command, "--config", "lanyard.yaml");
      String out = r.stdout() + r.stderr();
      assertThat(r.exitCode()).as("lanyard %s on a bad config:%n%s", command, out).isEqualTo(1);
      assertThat(out).as("lanyard %s", command).contains(tmp.resolve("lanyard.yaml") + " has " + expected.size()
          + " problems:");
      List<String> listed = out.lines().filter(l -> l.startsWith("  ")).map(String::strip).toList();
      assertThat(listed).as("lanyard %s lists each problem once, with its key path", command).hasSize(expected.size());
      for (String problem : expected) {
        assertThat(listed).as("lanyard %s", command).anyMatch(l -> l.startsWith(problem));
      }
    }
    System.out.printf("CLI bad config proved, in %.1f s: check, serve and records exit 1 and list all %d problems, "
        + "each with its key path (e.g. %s)%n", (System.nanoTime() - started) / 1e9, expected.size(), expected.get(4));
  }

  @Test
  void checkReportsAnIssuerWhoseCaDoesNotLoad() throws Exception {
    writeMinimalConfig("""
        certificates:
          issuers:
            - {name: internal, ca: {dir: ./no-ca-here}}
        """);
    ProcessRun r = LanyardProcess.run(tmp, Map.of(), "check", "--config", "lanyard.yaml");
    String out = r.stdout() + r.stderr();
    assertThat(r.exitCode()).as("lanyard check with a missing CA directory:%n%s", out).isEqualTo(1);
    assertThat(out.lines()).as(out).anyMatch(l -> l.contains("certificates.issuers[0] (internal)") && l.contains("no-ca-here"));

    ProcessRun init = LanyardProcess.run(tmp, Map.of(), "ca", "init", "--dir", "no-ca-here", "--name", "test-ca");
    assertThat(init.exitCode()).as("ca init:%n%s%s", init.stdout(), init.stderr()).isZero();
    ProcessRun again = LanyardProcess.run(tmp, Map.of(), "check", "--config", "lanyard.yaml");
    assertThat(again.exitCode()).as("lanyard check once the CA exists:%n%s%s", again.stdout(), again.stderr()).isZero();
  }

  @Test
  void aMissingApiTokenIsOneLineInCheckPlanAndServeNotAStackTrace() throws Exception {
    writeMinimalConfig("""
        views:
          - {name: public, public: true}
        sync:
          owner: test
          providers:
            - {name: cloudflare, type: cloudflare, zones: [example.com], cloudflare: {apiTokenEnv: LANYARD_TEST_UNSET_TOKEN}}
        """);
    for (String command : List.of("check", "plan", "serve")) {
      ProcessRun r = LanyardProcess.run(tmp, Map.of(), command, "--config", "lanyard.yaml");
      String out = r.stdout() + r.stderr();
      assertThat(r.exitCode()).as("lanyard %s without a token:%n%s", command, out).isEqualTo(1);
      assertThat(out).as("lanyard %s", command).contains("LANYARD_TEST_UNSET_TOKEN").doesNotContain("\tat dev.lanyard");
    }
  }

  /** One zone, DNS on a free port, an empty manifests folder, and {@code extra}. */
  private void writeMinimalConfig(String extra) throws Exception {
    Files.createDirectories(tmp.resolve("manifests"));
    Files.writeString(tmp.resolve("lanyard.yaml"), """
        zones:
          - name: example.com
            nameservers: [{name: ns1.example.com, addresses: [127.0.0.1]}]
        dns:
          listen: ["127.0.0.1:%d"]
        sources:
          manifests: {paths: [./manifests]}
        """.formatted(FreePorts.tcpAndUdp()) + extra);
  }

  @Test
  void recordsJsonIsAListOfViewNameTypeTtlValues() throws Exception {
    ExampleCopy homelab = ExampleCopy.of("homelab", tmp);
    ProcessRun r = LanyardProcess.run(homelab.dir(), Map.of(), "records", "--config", "lanyard.yaml", "-o", "json");
    assertThat(r.exitCode()).as("lanyard records -o json:%n%s%s", r.stdout(), r.stderr()).isZero();
    JsonNode records = new ObjectMapper().readTree(r.stdout());
    assertThat(records.isArray()).as("a JSON list:%n%s", r.stdout()).isTrue();
    assertThat(records.size()).isPositive();
    TreeSet<String> views = new TreeSet<>();
    for (JsonNode rec : records) {
      List<String> keys = new ArrayList<>();
      rec.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as("%s", rec).containsExactly("view", "name", "type", "ttl", "values");
      assertThat(rec.get("ttl").isInt()).as("ttl is a number: %s", rec).isTrue();
      assertThat(rec.get("values").isArray() && !rec.get("values").isEmpty()).as("values: %s", rec).isTrue();
      rec.get("values").forEach(v -> assertThat(v.isTextual()).as("%s", rec).isTrue());
      views.add(rec.get("view").asText());
    }
    assertThat(views).containsExactlyInAnyOrder("tailscale", "lan", "public");
    assertThat(r.stdout()).as("the homelab's sonarr route in the LAN view")
        .containsPattern("\"view\" *: *\"lan\",\\s*\"name\" *: *\"sonarr.example.com\",\\s*\"type\" *: *\"A\",\\s*"
            + "\"ttl\" *: *300,\\s*\"values\" *: *\\[ *\"10.11.1.22\" *\\]");
    System.out.printf("CLI records proved: `lanyard records -o json` on examples/homelab is a list of %d objects with "
        + "exactly the keys view, name, type, ttl, values, over the views %s%n", records.size(), views);
  }
}
