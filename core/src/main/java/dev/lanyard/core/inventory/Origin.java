package dev.lanyard.core.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a manifest object was read from ({@code file:line}), kept in an annotation only the
 * manifest source writes, so a problem with the object can name the file to fix.
 */
public final class Origin {
  public static final String ANNOTATION = "lanyard.dev/manifest-origin";

  private Origin() {}

  public static void stamp(HasMetadata object, String fileAndLine) {
    ObjectMeta m = object.getMetadata();
    Map<String, String> a = new LinkedHashMap<>(m.getAnnotations() == null ? Map.of() : m.getAnnotations());
    a.put(ANNOTATION, fileAndLine);
    m.setAnnotations(a);
  }

  /** Each object's origin by its reference; objects from the cluster have none. */
  public static Map<ObjectRef, String> index(Inventory inventory) {
    Map<ObjectRef, String> out = new HashMap<>();
    put(out, "gateway", inventory.gateways());
    put(out, "service", inventory.services());
    put(out, "ingress", inventory.ingresses());
    put(out, "dnsendpoint", inventory.dnsEndpoints());
    put(out, "certificate", inventory.certificates());
    for (Route r : inventory.routes()) {
      Optional.ofNullable(r.annotations().get(ANNOTATION)).ifPresent(o -> out.put(r.ref(), o));
    }
    return out;
  }

  private static void put(Map<ObjectRef, String> out, String kind, List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      Map<String, String> a = o.getMetadata().getAnnotations();
      if (a != null && a.containsKey(ANNOTATION)) {
        out.put(ObjectRef.of(kind, o.getMetadata().getNamespace(), o.getMetadata().getName()), a.get(ANNOTATION));
      }
    }
  }
}
