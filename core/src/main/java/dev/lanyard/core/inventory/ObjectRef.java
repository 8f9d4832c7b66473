package dev.lanyard.core.inventory;

import java.util.Locale;

/** Names a cluster object the way external-dns's {@code resource} label does: {@code httproute/default/app}. */
public record ObjectRef(String kind, String namespace, String name) {

  public static ObjectRef of(String kind, String namespace, String name) {
    return new ObjectRef(kind.toLowerCase(Locale.ROOT), namespace == null ? "" : namespace, name);
  }

  @Override
  public String toString() {
    return kind + "/" + namespace + "/" + name;
  }
}
