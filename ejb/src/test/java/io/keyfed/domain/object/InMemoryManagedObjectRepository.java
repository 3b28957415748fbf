package io.keyfed.domain.object;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The repository as a map, for plain unit tests: the same contract as the JPA implementation
 * (creation order, date-driven transitions applied on load, all criteria must hold, paging after
 * matching) without a database.
 */
public final class InMemoryManagedObjectRepository implements ManagedObjectRepository {

  private final Map<String, ManagedObject> objects = new LinkedHashMap<>();
  private final Clock clock;

  public InMemoryManagedObjectRepository(Clock clock) {
    this.clock = clock;
  }

  public InMemoryManagedObjectRepository() {
    this(Clock.systemUTC());
  }

  @Override
  public void add(ManagedObject object) {
    if (objects.putIfAbsent(object.uniqueIdentifier(), object) != null) {
      throw new IllegalStateException("duplicate Unique Identifier " + object.uniqueIdentifier());
    }
  }

  @Override
  public ManagedObject find(String uniqueIdentifier) {
    ManagedObject o = objects.get(uniqueIdentifier);
    if (o != null) {
      o.advanceClock(Instant.now(clock));
    }
    return o;
  }

  @Override
  public LocatePage locate(LocateCriteria c) {
    Instant now = Instant.now(clock);
    List<String> matched = new ArrayList<>();
    for (ManagedObject o : objects.values()) {
      o.advanceClock(now);
      if (matches(o, c)) {
        matched.add(o.uniqueIdentifier());
      }
    }
    int from = Math.min(c.offsetItems(), matched.size());
    int to = c.maximumItems() == null ? matched.size() : Math.min(matched.size(), from + Math.max(0, c.maximumItems()));
    return new LocatePage(matched.size(), List.copyOf(matched.subList(from, to)));
  }

  private static boolean matches(ManagedObject o, LocateCriteria c) {
    if (c.owner() != null && !c.owner().equals(o.owner())) {
      return false;
    }
    if (c.objectType() != null && c.objectType() != o.objectType()) {
      return false;
    }
    if (c.state() != null && c.state() != o.state()) {
      return false;
    }
    for (String n : c.names()) {
      if (o.attributes("Name").stream().noneMatch(a -> Objects.equals(n, StoredAttribute.searchTextOf(a.value())))) {
        return false;
      }
    }
    for (String g : c.objectGroups()) {
      if (o.attributes("Object Group").stream().noneMatch(a -> Objects.equals(g, StoredAttribute.searchTextOf(a.value())))) {
        return false;
      }
    }
    return c.matchesOthers(o);
  }

  public Collection<ManagedObject> all() {
    return objects.values();
  }

  public int size() {
    return objects.size();
  }
}
