package dev.lanyard.e2e.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code dig}, with its answer parsed into sections. */
public final class Dig {
  private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
  private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]+);");

  /** One dig answer: rcode, header flags, and the records of each section as {@code name ttl class type data}. */
  public record Answer(String rcode, List<String> flags, List<String> answer, List<String> authority,
      List<String> additional, String raw) {

    /** The answer section's data fields, e.g. {@code ["10.11.1.22"]}. */
    public List<String> values() {
      return answer.stream().map(r -> r.split("\\s+", 5)[4]).toList();
    }

    public List<String> types() {
      return answer.stream().map(r -> r.split("\\s+", 5)[3]).toList();
    }
  }

  private Dig() {}

  public static Answer query(int port, String name, String type, String... extra) {
    return query("127.0.0.1", port, name, type, extra);
  }

  public static Answer query(String server, int port, String name, String type, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(Repo.binary("dig", "dnsutils").toString(), "@" + server, "-p",
        String.valueOf(port), name, type, "+norecurse", "+time=2", "+tries=2", "+nocookie"));
    cmd.addAll(List.of(extra));
    ProcessRun r = ProcessRun.run(cmd);
    return parse(r.stdout());
  }

  public static Answer parse(String out) {
    Matcher s = STATUS.matcher(out);
    Matcher f = FLAGS.matcher(out);
    String rcode = s.find() ? s.group(1) : "NO-ANSWER";
    List<String> flags = f.find() ? List.of(f.group(1).trim().split(" ")) : List.of();
    List<String> answer = new ArrayList<>();
    List<String> authority = new ArrayList<>();
    List<String> additional = new ArrayList<>();
    List<String> current = null;
    for (String line : out.split("\n")) {
      if (line.startsWith(";; ANSWER SECTION")) {
        current = answer;
      } else if (line.startsWith(";; AUTHORITY SECTION")) {
        current = authority;
      } else if (line.startsWith(";; ADDITIONAL SECTION")) {
        current = additional;
      } else if (line.isBlank() || line.startsWith(";")) {
        if (line.isBlank()) {
          current = null;
        }
      } else if (current != null) {
        current.add(String.join(" ", line.trim().split("\\s+")));
      }
    }
    return new Answer(rcode, flags, answer, authority, additional, out);
  }
}
