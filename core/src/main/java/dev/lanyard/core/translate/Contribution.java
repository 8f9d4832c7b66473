package dev.lanyard.core.translate;

import dev.lanyard.core.inventory.ObjectRef;
import dev.lanyard.core.model.RecordType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One object's claim on a name in a view, before claims are merged into record sets.
 *
 * @param ttl the object's ttl annotation, if any (the zone default applies otherwise)
 * @param created the object's creationTimestamp (empty for manifests); the oldest claim wins a CNAME clash
 */
record Contribution(
    String view,
    String name,
    RecordType type,
    List<String> values,
    OptionalLong ttl,
    ObjectRef resource,
    String created,
    Map<String, String> providerSpecific) {}
