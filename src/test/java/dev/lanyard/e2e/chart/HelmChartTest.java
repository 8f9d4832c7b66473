package dev.lanyard.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lanyard.core.config.ConfigException;
import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.ConfigProblem;
import dev.lanyard.e2e.support.ProcessRun;
import dev.lanyard.e2e.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Helm chart and the Dockerfile: charts/test/run.sh lints and renders charts/lanyard with helm 3 and 4, validates
 * every rendered object against the Kubernetes schemas, checks the chart's invariants (probes, security context,
 * DNS Service ports, least-privilege RBAC) and the Dockerfile's contract. Then every lanyard.yaml the chart rendered
 * must load with Lanyard's own {@link ConfigLoader}, so the chart never ships a config the app rejects.
 */
class HelmChartTest {
  private static final Path RENDERED = Path.of("target", "chart-rendered").toAbsolutePath();

  private static ProcessRun run;

  @BeforeAll
  static void runChartChecks() {
    run = ProcessRun.run(Repo.root(), Map.of("LANYARD_CHART_OUT", RENDERED.toString()),
        List.of("bash", "charts/test/run.sh"), 600);
    System.out.println(run.stdout());
    System.err.println(run.stderr());
  }

  @Test
  void chartLintsRendersAndPassesEveryCheck() {
    assertThat(run.exitCode())
        .as("charts/test/run.sh failed:%n%s%n%s", run.stdout(), run.stderr())
        .isZero();
    assertThat(run.stdout()).containsPattern("(?m)^chart: [1-9][0-9]* passed, 0 failed$");
  }

  @TestFactory
  Stream<DynamicTest> renderedConfigsLoadInLanyard() throws IOException {
    Map<String, Path> configs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(RENDERED)) {
      files.filter(f -> f.getFileName().toString().equals("lanyard.yaml"))
          .forEach(f -> configs.put(RENDERED.relativize(f).toString(), f));
    }
    assertThat(configs).as("lanyard.yaml files rendered by run.sh under %s", RENDERED).isNotEmpty();
    return configs.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
      String text = Files.readString(e.getValue());
      List<ConfigProblem> problems;
      try {
        ConfigLoader.parse(text, Path.of("/etc/lanyard/lanyard.yaml"), Path.of("/etc/lanyard"));
        problems = List.of();
      } catch (ConfigException ex) {
        problems = ex.problems().stream().filter(p -> !onlyInThePod(p)).toList();
      }
      assertThat(problems).as("%s as the chart renders it:%n%s", e.getKey(), text).isEmpty();
    }));
  }

  /** A file the pod mounts (a Secret, a manifest volume) cannot exist outside it. */
  private static boolean onlyInThePod(ConfigProblem p) {
    return p.message().startsWith("cannot read /") || p.message().endsWith(" does not exist");
  }
}
