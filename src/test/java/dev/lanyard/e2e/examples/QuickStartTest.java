package dev.lanyard.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lanyard.e2e.support.Dig;
import dev.lanyard.e2e.support.LanyardProcess;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The README's quick start on examples/homelab, taken from the README itself: its first command (through the built
 * jar, on free ports), then every {@code dig} line it shows, each checked against what its comment says. Then the
 * manifest source at work, as a GitOps user meets it: a new HTTPRoute file answers within a second (measured 20
 * times; this is the "change latency with the manifest source" of docs/benchmarks.md), and a file broken by an
 * editing mistake keeps the old answers while {@code lanyard check} names its file and line and exits 1.
 */
class QuickStartTest {
  private static final Pattern DIG_LINE =
      Pattern.compile("(?m)^(dig @127\\.0\\.0\\.1 -p (\\d+) (\\S+))\\s+#\\s*(.+)$");
  private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
  private static final int CHANGES = 20;
  private static final Duration RELOAD_PROMISE = Duration.ofSeconds(1);

  @TempDir Path tmp;

  @Test
  void readmeQuickStartAnswersAsTheReadmeSaysAndTheManifestSourceFollowsEdits() throws Exception {
    long started = System.nanoTime();
    String readme = Files.readString(Repo.root().resolve("README.md"));
    List<String> first = firstCommand(readme);
    assertThat(first).as("the README's first command").containsExactly(
        "bin/lanyard", "serve", "--config", "examples/homelab/lanyard.yaml");
    ExampleCopy homelab = ExampleCopy.of("homelab", tmp);
    Map<String, String> vars = homelab.vars("cluster-settings.env");
    String domain = vars.get("SECRET_DOMAIN");
    String tailscaleGateway = new YAMLMapper().readTree(homelab.config().toFile())
        .at("/gateways/network~1envoy-tailscale/addresses/tailscale/0").asText();
    assertThat(tailscaleGateway).as("the Tailscale gateway's name in lanyard.yaml").endsWith(".ts.net");

    List<String> summary = new ArrayList<>();
    try (LanyardProcess lanyard = LanyardProcess.start(homelab.dir(), Map.of(), "serve", "--config",
        homelab.config().toString())) {
      int lan = homelab.port(5353);
      lanyard.await("sonarr." + domain + " to answer", Duration.ofSeconds(60),
          () -> !Dig.query(lan, "sonarr." + domain, "A").values().isEmpty());

      Matcher m = DIG_LINE.matcher(readme);
      List<String> names = new ArrayList<>();
      while (m.find()) {
        String line = m.group(1);
        int port = homelab.port(Integer.parseInt(m.group(2)));
        String name = m.group(3);
        String claim = m.group(4);
        List<String> cmd = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        cmd.set(0, Repo.binary("dig", "dnsutils").toString());
        cmd.set(cmd.indexOf("-p") + 1, String.valueOf(port));
        cmd.addAll(List.of("+time=2", "+tries=2"));
        Dig.Answer a = Dig.parse(ProcessRun.run(cmd).stdout());
        checkClaim(line, claim, a, tailscaleGateway);
        names.add(name);
        summary.add(line + "  ->  " + (a.answer().isEmpty() ? a.rcode() : String.join("; ", a.answer())));
      }
      assertThat(names).as("the README's dig lines").containsExactly(
          "sonarr." + domain, "grafana." + domain, "nope." + domain);

      ProcessRun records = LanyardProcess.run(homelab.dir(), Map.of(), "records", "--config", "lanyard.yaml");
      assertThat(readme).contains("bin/lanyard records --config examples/homelab/lanyard.yaml");
      assertThat(records.exitCode()).as("lanyard records:%n%s%s", records.stdout(), records.stderr()).isZero();
      for (String view : List.of("tailscale", "lan", "public")) {
        assertThat(records.stdout()).as("README: records shows every view, including the public one")
            .containsPattern("(?m)^" + view + " +\\S+");
      }

      List<Double> latencies = newRoutesAnswer(homelab, lanyard, lan, domain);
      Stats stats = Stats.of(latencies);
      assertThat(stats.max()).as("every new HTTPRoute answered within %s (all, ms: %s)", RELOAD_PROMISE, latencies)
          .isLessThanOrEqualTo(RELOAD_PROMISE.toMillis());

      String broken = brokenFileKeepsOldAnswers(homelab, lanyard, lan, domain);

      System.out.printf("""
          README quick start proved, in %.1f s:
            `%s` (ports rewritten) and the README's dig lines answer as the README says:
          %s  `bin/lanyard records` lists the tailscale, lan and public views
            manifest source change latency, new HTTPRoute file -> dig answers (%d changes): \
          p50 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms
            %s
          """, (System.nanoTime() - started) / 1e9, String.join(" ", first),
          summary.stream().map(s -> "    " + s + "\n").reduce("", String::concat), latencies.size(), stats.p50(),
          stats.p99(), stats.max(), stats.min(), broken);
    }
  }

  /** The first line of the README's first {@code sh} block, without its comment, split into words. */
  private static List<String> firstCommand(String readme) {
    Matcher m = Pattern.compile("```sh\\n([^\\n]*)\\n").matcher(readme);
    assertThat(m.find()).as("README.md has a ```sh block").isTrue();
    return List.of(m.group(1).replaceAll("#.*$", "").strip().split("\\s+"));
  }

  /** What a README comment promises: an IPv4 address (an A answer), a CNAME (to the Tailscale gateway), NXDOMAIN. */
  private static void checkClaim(String line, String claim, Dig.Answer a, String tailscaleGateway) {
    Matcher ip = IPV4.matcher(claim);
    if (ip.find()) {
      assertThat(a.rcode()).as("%s (README: %s)%n%s", line, claim, a.raw()).isEqualTo("NOERROR");
      assertThat(a.types()).as("%s (README: %s)", line, claim).containsOnly("A");
      assertThat(a.values()).as("%s (README: %s)", line, claim).containsExactly(ip.group());
    } else if (claim.contains("CNAME")) {
      assertThat(claim).as("the README names the gateway the CNAME points to").containsIgnoringCase("Tailscale gateway");
      assertThat(a.types()).as("%s (README: %s)%n%s", line, claim, a.raw()).containsExactly("CNAME");
      assertThat(a.values()).containsExactly(tailscaleGateway + ".");
    } else if (claim.contains("NXDOMAIN")) {
      assertThat(a.rcode()).as("%s (README: %s)%n%s", line, claim, a.raw()).isEqualTo("NXDOMAIN");
      if (claim.contains("SOA")) {
        assertThat(a.authority()).as("%s: the SOA in the authority section", line).anyMatch(r -> r.contains(" SOA "));
      }
    } else {
      throw new AssertionError("README line `" + line + "  # " + claim + "` promises something this test does not "
          + "know how to check: teach checkClaim about it");
    }
  }

  /**
   * Adds {@value #CHANGES} new apps the way a GitOps commit does (a new folder with an HTTPRoute) and measures, for
   * each, the time from writing the file to Lanyard answering the new name on UDP (polled every 5 ms with dnsjava,
   * then confirmed with dig). Returns the latencies in ms.
   */
  private static List<Double> newRoutesAnswer(ExampleCopy homelab, LanyardProcess lanyard, int port, String domain)
      throws Exception {
    String internalIp = homelab.vars("cluster-settings.env").get("CILIUM_GATEWAY_INTERNAL_IP");
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofMillis(250));
    List<Double> latencies = new ArrayList<>();
    for (int i = 1; i <= CHANGES; i++) {
      String app = "probe-" + i;
      Path folder = homelab.file("kubernetes/apps/default/" + app + "/app");
      long t0 = System.nanoTime();
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("httproute.yaml"), """
          ---
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata:
            name: %s
            namespace: default
          spec:
            parentRefs:
              - name: envoy-internal
                namespace: network
            hostnames: ["%s.${SECRET_DOMAIN}"]
            rules:
              - backendRefs:
                  - name: %s
                    port: 80
          """.formatted(app, app, app));
      String name = app + "." + domain;
      long deadline = t0 + Duration.ofSeconds(15).toNanos();
      while (!answers(resolver, name)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(name + " never answered after its HTTPRoute was written:\n" + lanyard.log());
        }
        Thread.sleep(5);
      }
      latencies.add((System.nanoTime() - t0) / 1e6);
      assertThat(Dig.query(port, name, "A").values()).as("dig %s", name).containsExactly(internalIp);
      Thread.sleep(150);
    }
    return latencies;
  }

  private static boolean answers(SimpleResolver resolver, String name) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
    try {
      Message r = resolver.send(q);
      return r.getRcode() == Rcode.NOERROR && !r.getSection(Section.ANSWER).isEmpty();
    } catch (IOException timeout) {
      return false;
    }
  }

  /**
   * Breaks the sonarr route with a mis-indented key (line 14), waits until the server has read it, and checks that
   * the old answers stay while {@code lanyard check} reports file and line with exit code 1.
   */
  private static String brokenFileKeepsOldAnswers(ExampleCopy homelab, LanyardProcess lanyard, int port, String domain)
      throws IOException {
    String sonarr = "sonarr." + domain;
    String probe = "probe-1." + domain;
    List<String> before = Dig.query(port, sonarr, "A").values();
    assertThat(before).isNotEmpty();
    Path file = homelab.file("kubernetes/apps/media/sonarr/app/httproute.yaml");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int hostnames = lines.indexOf("    - sonarr.${SECRET_DOMAIN}");
    assertThat(hostnames).as("the sonarr route lists its hostname").isPositive();
    lines.add(hostnames + 1, "   rules: []");
    int brokenLine = hostnames + 2;
    Files.write(file, lines);
    String where = file + ":" + brokenLine;
    lanyard.await("serve to report " + where, Duration.ofSeconds(10), () -> lanyard.log().contains(where));

    assertThat(Dig.query(port, sonarr, "A").values()).as("%s keeps its answer while its file is broken", sonarr)
        .isEqualTo(before);
    assertThat(Dig.query(port, probe, "A").values()).as("the other files are untouched").isNotEmpty();

    ProcessRun check = LanyardProcess.run(homelab.dir(), Map.of(), "check", "--config", "lanyard.yaml");
    assertThat(check.exitCode()).as("lanyard check on a broken file:%n%s%s", check.stdout(), check.stderr())
        .isEqualTo(1);
    assertThat(check.stdout()).contains(where + ": not valid YAML");
    return "a YAML error at " + homelab.dir().relativize(file) + ":" + brokenLine + " kept " + sonarr + " -> " + before
        + "; lanyard check reported that file and line, exit 1";
  }

  private record Stats(double p50, double p99, double max, double min) {
    static Stats of(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      return new Stats(rank(sorted, 0.50), rank(sorted, 0.99), sorted.getLast(), sorted.getFirst());
    }

    /** Nearest-rank percentile. */
    private static double rank(List<Double> sorted, double p) {
      return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
  }
}
