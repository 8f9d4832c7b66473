package dev.lanyard.acme;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.lanyard.acme.peers.ChallTestSrv;
import dev.lanyard.acme.peers.Pebble;
import dev.lanyard.acme.solver.Dns01Solver;
import dev.lanyard.core.challenge.TxtRecordPublisher;
import dev.lanyard.core.config.CertificatesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test (run by {@code acme/bench/pebble-issue.sh}): wall time from creating an
 * issuer (new account key, so account registration is included) to holding a {@code *.x + x}
 * certificate from Debian's Pebble, and the DNS queries on each side. Pebble resolves from one
 * pebble-challtestsrv, Lanyard's propagation check asks a second one that holds the same records,
 * so the two counts stay apart.
 */
public final class PebbleIssueBench {

  private PebbleIssueBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("dev.lanyard")).setLevel(Level.WARN);
    Path dir = Files.createTempDirectory("lanyard-acme-bench");
    Path checkedDir = Files.createDirectories(dir.resolve("checked"));
    List<Row> rows = new ArrayList<>();
    try (ChallTestSrv caDns = ChallTestSrv.start(dir, "ca-dns");
        ChallTestSrv checked = ChallTestSrv.start(checkedDir, "checked-dns");
        Pebble pebble = Pebble.start(dir, caDns, Pebble.Options.defaults())) {
      TxtRecordPublisher both = new TxtRecordPublisher() {
        @Override
        public void add(String fqdn, String value) throws IOException {
          caDns.addTxt(fqdn, value);
          checked.addTxt(fqdn, value);
        }

        @Override
        public void remove(String fqdn, String value) throws IOException {
          caDns.removeTxt(fqdn, value);
          checked.removeTxt(fqdn, value);
        }
      };
      for (int i = 0; i < runs; i++) {
        String domain = "bench" + i + ".test";
        CertificatesConfig.IssuerConfig cfg = IssuerConfigs.acme(dir, "pebble", """
            directory: %s
            trust: %s
            accountKey: {file: %s}
            nameservers: ["%s"]
            propagationTimeout: 30s
            """.formatted(pebble.directory(), pebble.trustFile(), dir.resolve("account-" + i + ".pem"), checked.dns()));
        long start = System.nanoTime();
        AcmeIssuer issuer = AcmeIssuer.create(cfg, Dns01Solver.of(both, cfg.acme().orElseThrow().nameservers()),
            Optional.empty(), Clock.systemUTC());
        issuer.issue(TestKeys.request("bench", "pebble", "*." + domain, domain), TestKeys.ecP256(), Optional.empty());
        long millis = (System.nanoTime() - start) / 1_000_000;
        String name = "_acme-challenge." + domain;
        rows.add(new Row(i, millis, caDns.txtQueries(name), checked.txtQueries(name)));
      }
    }
    System.out.println(report(rows));
  }

  record Row(int run, long millis, int caQueries, int checkQueries) {}

  static String report(List<Row> rows) {
    StringBuilder sb = new StringBuilder("| run | wall time (ms) | TXT queries by Pebble | TXT queries by Lanyard's check |\n")
        .append("|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.run() == 0 ? "1 (cold JVM)" : Integer.toString(r.run() + 1)).append(" | ")
          .append(r.millis()).append(" | ").append(r.caQueries()).append(" | ").append(r.checkQueries()).append(" |\n");
    }
    List<Long> warm = rows.stream().skip(1).map(Row::millis).sorted().toList();
    if (!warm.isEmpty()) {
      sb.append("\nwarm runs: median ").append(warm.get(warm.size() / 2)).append(" ms, min ").append(warm.get(0))
          .append(" ms, max ").append(warm.get(warm.size() - 1)).append(" ms\n");
    }
    return sb.toString();
  }
}
