package dev.lanyard.core.translate;

import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects problems during one translation; duplicates are kept once. */
final class Problems {
  private final Set<Problem> problems = new LinkedHashSet<>();
  private final Map<ObjectRef, String> origins;

  /** {@code origins}: the manifest file and line of objects, named after their reference in every problem. */
  Problems(Map<ObjectRef, String> origins) {
    this.origins = origins;
  }

  void error(Object subject, String message) {
    problems.add(Problem.error(describe(subject), message));
  }

  void warn(Object subject, String message) {
    problems.add(Problem.warning(describe(subject), message));
  }

  private String describe(Object subject) {
    String origin = subject instanceof ObjectRef ref ? origins.get(ref) : null;
    return origin == null ? String.valueOf(subject) : subject + " (" + origin + ")";
  }

  List<Problem> toList() {
    return new ArrayList<>(problems);
  }
}
