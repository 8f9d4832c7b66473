package dev.lanyard.core.translate;

import dev.lanyard.core.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems during one translation; duplicates are kept once. */
final class Problems {
  private final Set<Problem> problems = new LinkedHashSet<>();

  void error(Object subject, String message) {
    problems.add(Problem.error(String.valueOf(subject), message));
  }

  void warn(Object subject, String message) {
    problems.add(Problem.warning(String.valueOf(subject), message));
  }

  List<Problem> toList() {
    return new ArrayList<>(problems);
  }
}
