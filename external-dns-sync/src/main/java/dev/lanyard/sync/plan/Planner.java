package dev.lanyard.sync.plan;

import dev.lanyard.core.config.SyncConfig.Policy;
import dev.lanyard.core.model.Hostnames;
import dev.lanyard.core.model.RecordType;
import dev.lanyard.sync.endpoint.Endpoint;
import dev.lanyard.sync.endpoint.EndpointKey;
import dev.lanyard.sync.registry.OwnershipRecord;
import dev.lanyard.sync.registry.RegistryView;
import dev.lanyard.sync.registry.TxtRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Computes the changes that make a provider hold the desired records, touching only what the TXT
 * registry says is ours. Pure: the same inputs always give the same plan, and applying a plan then
 * planning again gives an empty one.
 *
 * <p>Rules, after external-dns and the issues users hit with it:
 * <ul>
 *   <li>a record is ours when its ownership TXT names our owner id, whoever wrote it;
 *   <li>records of another owner, and records without ownership TXT, are never updated or deleted;
 *       when they stand where a desired record should go, the plan reports a conflict;
 *   <li>{@code adoptUnowned} takes over an unowned record that already holds exactly the desired values;
 *   <li>an ownership TXT whose record was deleted by hand gets its record re-created;
 *   <li>deletes are withheld while the desired state may be partial;
 *   <li>{@code upsert-only} never deletes, {@code create-only} neither updates nor deletes (replacing
 *       our own CNAME by an A record counts as an update).
 * </ul>
 */
public final class Planner {

  /**
   * @param zones the domain filter: names outside every zone are neither desired nor touched
   * @param deletesWithheld why deletes may not happen now (the desired state is partial), if so
   */
  public record Options(Policy policy, boolean adoptUnowned, List<String> zones, Optional<String> deletesWithheld) {
    public Options {
      zones = List.copyOf(zones);
    }
  }

  private final TxtRegistry registry;
  private final UnaryOperator<Endpoint> adjust;

  /**
   * @param adjust the provider's normalization of a desired record set (TTL bounds, provider
   *     properties), applied before comparing so that what is written is what a listing returns
   */
  public Planner(TxtRegistry registry, UnaryOperator<Endpoint> adjust) {
    this.registry = registry;
    this.adjust = adjust;
  }

  public Plan plan(List<Endpoint> desired, List<Endpoint> listing, Options options) {
    return new Run(options).plan(desired, listing);
  }

  private final class Run {
    private final Options o;
    private final String owner = registry.owner();
    private final List<Change> changes = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Set<OwnershipRecord> handled = new HashSet<>();
    private final Set<String> createdTxt = new HashSet<>();
    private RegistryView view;
    private int withheld;

    Run(Options o) {
      this.o = o;
    }

    Plan plan(List<Endpoint> desiredIn, List<Endpoint> listing) {
      Map<String, Map<RecordType, Endpoint>> desired = new TreeMap<>();
      for (Endpoint e : desiredIn) {
        if (inZones(e.name())) {
          desired.computeIfAbsent(e.name(), n -> new EnumMap<>(RecordType.class)).putIfAbsent(e.type(), adjust.apply(e));
        }
      }
      desired.forEach((name, types) -> {
        if (types.containsKey(RecordType.CNAME) && types.size() > 1) {
          types.remove(RecordType.CNAME);
          conflicts.add(new Conflict(name, RecordType.CNAME,
              "dropped: a CNAME cannot share its name with the " + types.keySet() + " records also desired here"));
        }
      });
      view = registry.read(listing.stream().filter(e -> inZones(e.name())).toList());
      Map<String, Map<RecordType, Endpoint>> current = new TreeMap<>();
      for (Endpoint e : view.records()) {
        current.computeIfAbsent(e.name(), n -> new EnumMap<>(RecordType.class)).put(e.type(), e);
      }
      Set<String> names = new TreeSet<>(desired.keySet());
      names.addAll(current.keySet());
      for (String name : names) {
        planName(name, desired.getOrDefault(name, Map.of()), current.getOrDefault(name, Map.of()));
      }
      view.allOwnership().stream()
          .filter(r -> r.ownedBy(owner) && !handled.contains(r))
          .sorted(Comparator.comparing((OwnershipRecord r) -> r.txt().name()))
          .filter(r -> mayDelete())
          .forEach(r -> changes.add(new Change.Delete(r.txt())));
      Optional<String> withheldNote = withheld == 0
          ? Optional.empty()
          : o.deletesWithheld().map(reason -> withheld + " record set" + (withheld == 1 ? "" : "s") + " kept: " + reason);
      return new Plan(changes, conflicts, withheldNote);
    }

    private void planName(String name, Map<RecordType, Endpoint> desired, Map<RecordType, Endpoint> current) {
      List<Change> deletes = new ArrayList<>();
      List<Change> updates = new ArrayList<>();
      List<Change> creates = new ArrayList<>();
      Optional<String> foreign = foreignOwner(name, current);
      Set<RecordType> skip = EnumSet.noneOf(RecordType.class);
      Set<RecordType> replaced = EnumSet.noneOf(RecordType.class);
      desired.forEach((type, d) -> {
        List<Endpoint> blockers = current.values().stream()
            .filter(b -> b.type() != type && (type == RecordType.CNAME || b.type() == RecordType.CNAME))
            .toList();
        for (Endpoint b : blockers) {
          if (!ours(b)) {
            conflict(d, "the name holds " + describe(b) + ", and " + (type == RecordType.CNAME
                ? "a CNAME cannot share its name with other records" : "no other record can share a name with a CNAME"));
            skip.add(type);
          } else if (o.policy() == Policy.CREATE_ONLY) {
            conflict(d, "our " + b.type() + " record here would have to be replaced, and policy create-only never deletes");
            skip.add(type);
          }
        }
        if (!skip.contains(type)) {
          blockers.forEach(b -> replaced.add(b.type())); // all ours: replacing them is an update in spirit
        }
      });
      Set<RecordType> types = EnumSet.noneOf(RecordType.class);
      types.addAll(desired.keySet());
      types.addAll(current.keySet());
      for (RecordType type : types) {
        EndpointKey key = new EndpointKey(name, type);
        Endpoint d = skip.contains(type) ? null : desired.get(type);
        Endpoint c = current.get(type);
        Optional<OwnershipRecord> typed = view.typed(key);
        typed.ifPresent(handled::add);
        if (replaced.contains(type)) {
          deletes.add(new Change.Delete(c));
          typed.filter(r -> r.ownedBy(owner)).ifPresent(r -> deletes.add(new Change.Delete(r.txt())));
        } else if (d != null && c == null) {
          if (foreign.isPresent()) {
            conflict(d, "the name is held by owner \"" + foreign.get() + "\"");
          } else if (ownershipTxt(d).isPresent()) {
            creates.add(new Change.Create(owned(d)));
            if (typed.isEmpty()) {
              createTxt(creates, d);
            }
          }
        } else if (d != null && ours(c)) {
          if (!c.sameRecordsAs(d) && o.policy() != Policy.CREATE_ONLY) {
            updates.add(new Change.Update(c, owned(d)));
          }
          if (typed.isEmpty() && ownershipTxt(d).isPresent()) {
            createTxt(creates, d); // owned through a legacy TXT only: add the current format
          }
        } else if (d != null && c.owner().isPresent()) {
          conflict(d, "exists with owner \"" + c.owner().get() + "\" (" + c + ")");
        } else if (d != null) {
          adoptOrConflict(d, c, foreign, updates, creates);
        } else if (c != null && ours(c) && !skip.contains(type) && mayDelete()) {
          deletes.add(new Change.Delete(c));
          typed.filter(r -> r.ownedBy(owner)).ifPresent(r -> deletes.add(new Change.Delete(r.txt())));
        }
      }
      Optional<OwnershipRecord> legacy = view.legacy(name);
      legacy.ifPresent(handled::add);
      if (legacy.isPresent() && legacy.get().ownedBy(owner) && !keepsNonAaaa(name, current, deletes, creates)
          && mayDelete()) {
        deletes.add(new Change.Delete(legacy.get().txt()));
      }
      changes.addAll(deletes);
      changes.addAll(updates);
      changes.addAll(creates);
    }

    private void adoptOrConflict(Endpoint d, Endpoint c, Optional<String> foreign, List<Change> updates, List<Change> creates) {
      if (!o.adoptUnowned()) {
        conflict(d, "exists without an ownership TXT (" + c + "); it is left alone"
            + " (sync.adoptUnowned: true takes over a record that already holds exactly the desired values)");
      } else if (!c.targets().equals(d.targets())) {
        conflict(d, "exists without an ownership TXT and holds " + c.targets() + " instead of " + d.targets()
            + "; only records holding exactly the desired values are adopted");
      } else if (foreign.isPresent()) {
        conflict(d, "the name is held by owner \"" + foreign.get() + "\"");
      } else if (ownershipTxt(d).isPresent()) {
        createTxt(creates, d);
        if (!c.sameRecordsAs(d) && o.policy() != Policy.CREATE_ONLY) {
          updates.add(new Change.Update(c, owned(d)));
        }
      }
    }

    /** True when the policy and the state allow a delete; counts a withheld one otherwise. */
    private boolean mayDelete() {
      if (o.policy() != Policy.SYNC) {
        return false;
      }
      if (o.deletesWithheld().isPresent()) {
        withheld++;
        return false;
      }
      return true;
    }

    private Optional<Endpoint> ownershipTxt(Endpoint d) {
      Optional<Endpoint> txt = registry.ownershipRecord(owned(d));
      if (txt.isEmpty()) {
        conflict(d, "its ownership TXT name would have a label longer than 63 characters, so it cannot be owned;"
            + " shorten sync.txtPrefix/txtSuffix");
        return Optional.empty();
      }
      Optional<String> zone = zoneOf(d.name());
      if (zone.isPresent() && !Hostnames.isInZone(txt.get().name(), zone.get())) {
        conflict(d, "its ownership TXT " + txt.get().name() + " would lie outside zone " + zone.get()
            + "; set sync.txtPrefix to a value holding %{record_type} and ending in '.', such as \"%{record_type}-owner.\"");
        return Optional.empty();
      }
      return txt;
    }

    private void createTxt(List<Change> creates, Endpoint d) {
      registry.ownershipRecord(owned(d)).map(adjust).filter(t -> createdTxt.add(t.name())).ifPresent(t ->
          creates.add(new Change.Create(t)));
    }

    /** True when, after this plan, a record that a legacy TXT at {@code name} speaks for remains. */
    private boolean keepsNonAaaa(String name, Map<RecordType, Endpoint> current, List<Change> deletes,
        List<Change> creates) {
      Set<RecordType> left = EnumSet.noneOf(RecordType.class);
      current.keySet().stream().filter(t -> t != RecordType.AAAA).forEach(left::add);
      deletes.stream().filter(ch -> ch.key().name().equals(name)).forEach(ch -> left.remove(ch.key().type()));
      creates.stream().filter(ch -> ch.key().name().equals(name) && ch.key().type() != RecordType.AAAA)
          .forEach(ch -> left.add(ch.key().type()));
      return !left.isEmpty();
    }

    private Optional<String> foreignOwner(String name, Map<RecordType, Endpoint> current) {
      for (Endpoint c : current.values()) {
        if (c.owner().isPresent() && !c.owner().get().equals(owner)) {
          return c.owner();
        }
      }
      for (RecordType t : RecordType.values()) {
        Optional<String> other = view.typed(new EndpointKey(name, t)).flatMap(OwnershipRecord::owner)
            .filter(x -> !x.equals(owner));
        if (other.isPresent()) {
          return other;
        }
      }
      return view.legacy(name).flatMap(OwnershipRecord::owner).filter(x -> !x.equals(owner));
    }

    private boolean ours(Endpoint e) {
      return e.owner().filter(owner::equals).isPresent();
    }

    private Endpoint owned(Endpoint d) {
      return d.withLabel(Endpoint.OWNER, owner);
    }

    private String describe(Endpoint b) {
      return b.owner().map(x -> "a " + b.type() + " record owned by \"" + x + "\"")
          .orElse("a " + b.type() + " record without an ownership TXT (" + b + ")");
    }

    private void conflict(Endpoint d, String reason) {
      conflicts.add(new Conflict(d.name(), d.type(), reason));
    }

    private boolean inZones(String name) {
      return o.zones().isEmpty() || o.zones().stream().anyMatch(z -> Hostnames.isInZone(name, z));
    }

    private Optional<String> zoneOf(String name) {
      return o.zones().stream().filter(z -> Hostnames.isInZone(name, z)).max(Comparator.comparingInt(String::length));
    }
  }
}
