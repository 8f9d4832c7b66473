package dev.lanyard.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text dig and kdig print into a {@link Reply}, plus the EDNS lines. */
record DigOutput(Reply reply, List<String> edns, String text) {
  private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
  private static final Pattern FLAGS = Pattern.compile("(?i)flags: ([a-z ]*);");

  static DigOutput parse(String text) {
    Matcher s = STATUS.matcher(text);
    if (!s.find()) {
      throw new AssertionError("no response in tool output:\n" + text);
    }
    String rcode = s.group(1);
    Matcher f = FLAGS.matcher(text);
    Set<String> flags = new TreeSet<>();
    if (f.find()) {
      Arrays.stream(f.group(1).trim().split("\\s+")).filter(x -> !x.isEmpty())
          .forEach(x -> flags.add(x.toLowerCase(Locale.ROOT)));
    }
    List<String> question = new ArrayList<>();
    List<String> answer = new ArrayList<>();
    List<String> authority = new ArrayList<>();
    List<String> additional = new ArrayList<>();
    List<String> edns = new ArrayList<>();
    List<String> current = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.contains("QUESTION SECTION")) {
        current = question;
      } else if (upper.contains("ANSWER SECTION")) {
        current = answer;
      } else if (upper.contains("AUTHORITY SECTION")) {
        current = authority;
      } else if (upper.contains("ADDITIONAL SECTION")) {
        current = additional;
      } else if (upper.contains("PSEUDOSECTION")) {
        current = edns;
      } else if (line.isEmpty() || (line.startsWith(";;") && current != question && current != edns)) {
        current = null;
      } else if (current == question) {
        current.add(Reply.normalize(line.replaceFirst("^;+\\s*", "")));
      } else if (current == edns) {
        current.add(line.replaceFirst("^;+\\s*", ""));
      } else if (current != null && !line.startsWith(";")) {
        current.add(Reply.normalize(line));
      }
    }
    return new DigOutput(new Reply(rcode, flags, question, answer, authority, additional), edns, text);
  }
}
