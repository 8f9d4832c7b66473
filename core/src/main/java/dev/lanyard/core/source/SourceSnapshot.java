package dev.lanyard.core.source;

import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.model.SourceStatus;

/** What one source holds right now, and how trustworthy that is. */
public record SourceSnapshot(Inventory inventory, SourceStatus status) {}
