package dev.lanyard.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux {@code postBuild} variable substitution (drone/envsubst): {@code ${VAR}},
 * {@code ${VAR:=default}} and {@code ${VAR:-default}} (default when unset or empty),
 * {@code ${VAR=default}} and {@code ${VAR-default}} (default when unset), and {@code $${VAR}}
 * for a literal {@code ${VAR}}. An unset variable without default becomes empty and is reported.
 */
public final class Substitution {
  private static final Pattern VAR =
      Pattern.compile("(\\$?)\\$\\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=])([^}]*))?\\}");

  /** The substituted text, and the names of unset variables with the line each was on. */
  public record Result(String text, List<Missing> missing) {}

  public record Missing(String variable, int line) {}

  private Substitution() {}

  public static Result apply(String text, Map<String, String> vars) {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    List<Missing> missing = new ArrayList<>();
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = m.group().substring(1);
      } else {
        String name = m.group(2);
        String op = m.group(3);
        String value = vars.get(name);
        if (op != null && (value == null || op.startsWith(":") && value.isEmpty())) {
          replacement = m.group(4);
        } else if (value == null) {
          missing.add(new Missing(name, lineOf(text, m.start())));
          replacement = "";
        } else {
          replacement = value;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return new Result(out.toString(), missing);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
