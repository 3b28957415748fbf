package io.keyfed.application;

import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ManagedObjectRepository} in a map, for handler tests without a container. Locate loads
 * every object and lets {@link LocateCriteria#select} decide, which is what the JPA repository does
 * whenever a condition is not exact in SQL. There are no transactions: a handler that fails after
 * changing an object leaves the change (the container would roll it back).
 */
public class InMemoryRepository implements ManagedObjectRepository {

  private final Map<String, ManagedObject> objects = new LinkedHashMap<>();
  private final java.time.Clock clock;

  public InMemoryRepository() {
    this(java.time.Clock.systemUTC());
  }

  /** With a fixed clock, so that date-driven state changes are deterministic in tests. */
  public InMemoryRepository(java.time.Clock clock) {
    this.clock = clock;
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
      o.advanceClock(clock.instant());
    }
    return o;
  }

  @Override
  public LocatePage locate(LocateCriteria criteria) {
    List<ManagedObject> candidates = new ArrayList<>(objects.values());
    Instant now = clock.instant();
    candidates.forEach(o -> o.advanceClock(now));
    return criteria.select(candidates);
  }

  @Override
  public boolean nameInUse(String owner, String nameValue, String exceptUniqueIdentifier) {
    for (ManagedObject o : objects.values()) {
      if (o.uniqueIdentifier().equals(exceptUniqueIdentifier) || o.isDestroyed()
          || (owner == null ? o.owner() != null : !owner.equals(o.owner()))) {
        continue;
      }
      for (Attribute a : o.attributes(Tag.NAME.specName())) {
        Ttlv v = a.value().child(Tag.NAME_VALUE);
        if (v != null && v.asText().equals(nameValue)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public List<String> named(String nameValue) {
    List<String> out = new ArrayList<>();
    for (ManagedObject o : objects.values()) {
      if (o.isDestroyed()) {
        continue;
      }
      for (Attribute a : o.attributes(Tag.NAME.specName())) {
        Ttlv v = a.value().child(Tag.NAME_VALUE);
        if (v != null && v.asText().equals(nameValue)) {
          out.add(o.uniqueIdentifier());
          break;
        }
      }
    }
    return out;
  }

  @Override
  public java.util.Set<String> namesInUse(Collection<String> nameValues) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String n : nameValues) {
      if (!named(n).isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  @Override
  public java.util.Map<String, java.util.Set<String>> nameHolders(Collection<String> nameValues) {
    java.util.Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
    for (String n : nameValues) {
      if (!named(n).isEmpty()) {
        out.put(n, new java.util.HashSet<>(named(n)));
      }
    }
    return out;
  }

  @Override
  public java.util.Set<String> stored(Collection<String> uniqueIdentifiers) {
    java.util.Set<String> out = new java.util.HashSet<>(uniqueIdentifiers);
    out.retainAll(objects.keySet());
    return out;
  }

  /** Every object, in insertion order. */
  public Collection<ManagedObject> all() {
    return Collections.unmodifiableCollection(objects.values());
  }

  public int size() {
    return objects.size();
  }
}
