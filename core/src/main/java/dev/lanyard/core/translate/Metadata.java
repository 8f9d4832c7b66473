package dev.lanyard.core.translate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/** Null-safe reads of object metadata, with the Kubernetes defaults. */
final class Metadata {
  private Metadata() {}

  static String namespace(ObjectMeta m) {
    return m.getNamespace() == null || m.getNamespace().isEmpty() ? "default" : m.getNamespace();
  }

  static Map<String, String> annotations(ObjectMeta m) {
    return m.getAnnotations() == null ? Map.of() : m.getAnnotations();
  }

  static Map<String, String> labels(ObjectMeta m) {
    return m.getLabels() == null ? Map.of() : m.getLabels();
  }

  static String created(ObjectMeta m) {
    return m.getCreationTimestamp() == null ? "" : m.getCreationTimestamp();
  }
}
