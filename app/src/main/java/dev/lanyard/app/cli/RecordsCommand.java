package dev.lanyard.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lanyard.app.wiring.Inventories;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.ViewRecords;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "records", mixinStandardHelpOptions = true,
    description = "Print the records each view serves, computed from the config and the sources.")
public final class RecordsCommand extends ConfiguredCommand {
  enum Output { table, json }

  @Option(names = "--view", paramLabel = "VIEW", description = "Only this view.")
  String view;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Mixin SyncTimeoutOption timeout;

  @Override
  int run(LanyardConfig c, PrintWriter out, PrintWriter err) throws Exception {
    if (view != null && c.view(view).isEmpty()) {
      err.println("no view named \"" + view + "\" (views: " + c.viewNames() + ")");
      return 2;
    }
    Optional<KubernetesClient> kube = Kube.clientFor(c);
    try {
      DesiredState state = Inventories.once(c, kube, timeout.value());
      List<Row> rows = new ArrayList<>();
      for (ViewRecords v : state.views()) {
        if (view != null && !v.view().equals(view)) {
          continue;
        }
        for (RecordSet r : v.records()) {
          rows.add(new Row(v.view(), r.name(), r.type().name(), r.ttl(), r.values()));
        }
      }
      if (output == Output.json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
      } else {
        printTable(out, rows);
      }
      if (!state.synced()) {
        err.println("warning: not every source synced within " + timeout + "; the list may be incomplete");
      }
      return 0;
    } finally {
      kube.ifPresent(KubernetesClient::close);
    }
  }

  /** One line of output; the JSON keys are the component names. */
  record Row(String view, String name, String type, long ttl, List<String> values) {}

  private static void printTable(PrintWriter out, List<Row> rows) {
    String[] head = {"VIEW", "NAME", "TYPE", "TTL", "VALUES"};
    int[] w = {head[0].length(), head[1].length(), head[2].length(), head[3].length()};
    for (Row r : rows) {
      w[0] = Math.max(w[0], r.view().length());
      w[1] = Math.max(w[1], r.name().length());
      w[2] = Math.max(w[2], r.type().length());
      w[3] = Math.max(w[3], String.valueOf(r.ttl()).length());
    }
    String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s  %s%n";
    out.printf(fmt, (Object[]) head);
    for (Row r : rows) {
      out.printf(fmt, r.view(), r.name(), r.type(), r.ttl(), String.join(" ", r.values()));
    }
  }
}
