package dev.lanyard.dns.snapshot;

import java.util.List;

/** What the server answers with right now: one {@link ViewSnapshot} per configured view, in config order. */
public final class Snapshot {
  private final ViewSnapshot[] views;
  private final boolean synced;

  Snapshot(List<ViewSnapshot> views, boolean synced) {
    this.views = views.toArray(ViewSnapshot[]::new);
    this.synced = synced;
  }

  public ViewSnapshot view(int index) {
    return views[index];
  }

  public int viewCount() {
    return views.length;
  }

  public List<ViewSnapshot> views() {
    return List.of(views);
  }

  /** True once a state from fully synced sources has been served. */
  public boolean synced() {
    return synced;
  }
}
