package io.keyfed.infrastructure.jpa;

import io.keyfed.domain.object.AttributeFilter;
import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.SearchKey;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.StorageStatusMask;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.application.federation.ChangeTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Managed objects in the database. Locate is one JPQL query over the object columns (owner, Object
 * Type, State, storage) and, per attribute condition, an EXISTS on the search columns of
 * KF_ATTRIBUTE (SEARCH_TEXT with = or LIKE, SEARCH_NUMBER with = or BETWEEN). When every condition
 * is exact in SQL the database also counts and pages; otherwise it narrows the candidates, which
 * are loaded and decided by {@link LocateCriteria#select}.
 */
@ApplicationScoped
public class JpaManagedObjectRepository implements ManagedObjectRepository {

  private static final List<State> DESTROYED = List.of(State.DESTROYED, State.DESTROYED_COMPROMISED);

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ChangeTracker tracker;

  @Override
  public void add(ManagedObject object) {
    em.persist(object);
    track(t -> t.created(object));
  }

  @Override
  public ManagedObject find(String uniqueIdentifier) {
    if (uniqueIdentifier == null || uniqueIdentifier.length() > 64) {
      return null;
    }
    ManagedObject o = em.find(ManagedObject.class, uniqueIdentifier);
    if (o != null) {
      // Snapshot before the clock may change the State: a date-driven transition is a change too.
      track(t -> t.loaded(o));
      o.advanceClock(Instant.now());
    }
    return o;
  }

  @Override
  public MovedAway movedAway(String uniqueIdentifier) {
    if (uniqueIdentifier == null || uniqueIdentifier.length() > 128) {
      return null;
    }
    io.keyfed.domain.federation.MovedObject m = em.find(io.keyfed.domain.federation.MovedObject.class, uniqueIdentifier);
    return m == null ? null : new MovedAway(m.target(), m.targetAddress(), m.owner());
  }

  /** Tells the federation's change tracker, when the call runs in a transaction (it always should). */
  private void track(java.util.function.Consumer<ChangeTracker> f) {
    try {
      f.accept(tracker);
    } catch (ContextNotActiveException e) {
      // No transaction: nothing can change, so there is nothing to track.
    }
  }

  @Override
  public boolean nameInUse(String owner, String nameValue, String exceptUniqueIdentifier) {
    StringBuilder q = new StringBuilder("SELECT COUNT(a) FROM StoredAttribute a WHERE a.name = :name"
        + " AND a.searchText = :value AND a.managedObject.state NOT IN :destroyed");
    q.append(owner == null ? " AND a.managedObject.owner IS NULL" : " AND a.managedObject.owner = :owner");
    if (exceptUniqueIdentifier != null) {
      q.append(" AND a.managedObject.uniqueIdentifier <> :self");
    }
    TypedQuery<Long> query = em.createQuery(q.toString(), Long.class)
        .setParameter("name", Tag.NAME.specName())
        .setParameter("value", nameValue)
        .setParameter("destroyed", DESTROYED);
    if (owner != null) {
      query.setParameter("owner", owner);
    }
    if (exceptUniqueIdentifier != null) {
      query.setParameter("self", exceptUniqueIdentifier);
    }
    return query.getSingleResult() > 0;
  }

  @Override
  public List<String> named(String nameValue) {
    return em.createQuery("SELECT DISTINCT a.managedObject.uniqueIdentifier FROM StoredAttribute a WHERE a.name = :name"
            + " AND a.searchText = :value AND a.managedObject.state NOT IN :destroyed", String.class)
        .setParameter("name", Tag.NAME.specName())
        .setParameter("value", nameValue)
        .setParameter("destroyed", DESTROYED)
        .getResultList();
  }

  @Override
  public Set<String> namesInUse(Collection<String> nameValues) {
    return nameHolders(nameValues).keySet();
  }

  @Override
  public Map<String, Set<String>> nameHolders(Collection<String> nameValues) {
    Map<String, Set<String>> out = new HashMap<>();
    if (nameValues.isEmpty()) {
      return out;
    }
    // The attribute rows alone first, the objects' States only for the Names found (usually none).
    // Joined in one statement, PostgreSQL spent a third of a partition move's apply time on it.
    // The values are joined as a table rather than tested by `SEARCH_TEXT IN (...)`: H2 uses an
    // index for an IN list only on its first column, so with NAME before SEARCH_TEXT it read every
    // Name row of the database per query (measured: 20,001 rows read for 7 values out of 400,000
    // rows; joined, 5); each lookup is now one seek of KF_ATTRIBUTE_SEARCH_OBJECT on both.
    List<String> values = new ArrayList<>(new HashSet<>(nameValues));
    StringBuilder sql = new StringBuilder("SELECT a.SEARCH_TEXT, a.OBJECT_UID FROM (VALUES ");
    for (int i = 0; i < values.size(); i++) {
      // (Typed: a bare parameter in VALUES has no type for the database to plan the join with.)
      sql.append(i == 0 ? "" : ", ").append("(CAST(?").append(i + 2).append(" AS VARCHAR(").append(SearchKey.TEXT_MAX).append(")))");
    }
    sql.append(") v (SEARCH_VALUE) JOIN KF_ATTRIBUTE a ON a.NAME = ?1 AND a.SEARCH_TEXT = v.SEARCH_VALUE");
    jakarta.persistence.Query query = em.createNativeQuery(sql.toString()).setParameter(1, Tag.NAME.specName());
    for (int i = 0; i < values.size(); i++) {
      query.setParameter(i + 2, values.get(i));
    }
    Map<String, Set<String>> namesOf = new HashMap<>();
    for (Object r : query.getResultList()) {
      Object[] row = (Object[]) r;
      namesOf.computeIfAbsent((String) row[1], k -> new HashSet<>()).add((String) row[0]);
    }
    if (namesOf.isEmpty()) {
      return out;
    }
    for (String uid : em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o WHERE o.uniqueIdentifier IN :uids"
            + " AND o.state NOT IN :destroyed", String.class)
        .setParameter("uids", namesOf.keySet())
        .setParameter("destroyed", DESTROYED)
        .getResultList()) {
      for (String name : namesOf.get(uid)) {
        out.computeIfAbsent(name, k -> new HashSet<>()).add(uid);
      }
    }
    return out;
  }

  @Override
  public Set<String> stored(Collection<String> uniqueIdentifiers) {
    if (uniqueIdentifiers.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o WHERE o.uniqueIdentifier IN :uids",
        String.class).setParameter("uids", new HashSet<>(uniqueIdentifiers)).getResultList());
  }

  @Override
  public LocatePage locate(LocateCriteria c) {
    Map<String, Object> params = new HashMap<>();
    String where = where(c, params);
    if (c.exactInSql()) {
      TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM ManagedObject o" + where, Long.class);
      TypedQuery<String> ids = em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o" + where
          + " ORDER BY o.createdMicros DESC, o.uniqueIdentifier DESC", String.class);
      params.forEach((k, v) -> {
        count.setParameter(k, v);
        ids.setParameter(k, v);
      });
      int located = Math.toIntExact(count.getSingleResult());
      if (c.maximumItems() != null && c.maximumItems() <= 0 || c.offsetItems() >= located) {
        return new LocatePage(located, List.of());
      }
      ids.setFirstResult(c.offsetItems());
      if (c.maximumItems() != null) {
        ids.setMaxResults(c.maximumItems());
      }
      return new LocatePage(located, List.copyOf(ids.getResultList()));
    }
    TypedQuery<ManagedObject> q = em.createQuery("SELECT o FROM ManagedObject o" + where, ManagedObject.class);
    params.forEach(q::setParameter);
    List<ManagedObject> candidates = q.getResultList();
    Instant now = Instant.now();
    for (ManagedObject o : candidates) {
      o.advanceClock(now);
    }
    return c.select(candidates);
  }

  /** The WHERE clause of a Locate, its parameters put in {@code params}. */
  static String where(LocateCriteria c, Map<String, Object> params) {
    StringBuilder w = new StringBuilder(" WHERE 1 = 1");
    if (c.owner() != null) {
      // The owner's objects, and those granted to it for Locate (by identifier or by Object Group).
      w.append(" AND (o.owner = :owner");
      params.put("owner", c.owner());
      if (!c.grantedIds().isEmpty()) {
        w.append(" OR o.uniqueIdentifier IN :grantedIds");
        params.put("grantedIds", List.copyOf(c.grantedIds()));
      }
      if (!c.grantedGroups().isEmpty()) {
        // Per owner: that owner's objects in its granted groups (never another owner's in the same group).
        Map<String, List<String>> byOwner = new java.util.TreeMap<>();
        for (LocateCriteria.OwnedGroup g : c.grantedGroups()) {
          byOwner.computeIfAbsent(g.owner(), k -> new ArrayList<>()).add(g.group());
        }
        params.put("groupName", Tag.OBJECT_GROUP.specName());
        int i = 0;
        for (Map.Entry<String, List<String>> e : byOwner.entrySet()) {
          w.append(" OR (o.owner = :groupOwner").append(i)
              .append(" AND EXISTS (SELECT g FROM StoredAttribute g WHERE g.managedObject = o AND g.name = :groupName")
              .append(" AND g.searchText IN :grantedGroups").append(i).append("))");
          params.put("groupOwner" + i, e.getKey());
          params.put("grantedGroups" + i, e.getValue());
          i++;
        }
      }
      w.append(')');
    }
    params.put("destroyed", DESTROYED);
    List<String> storage = new ArrayList<>(3);
    if (c.storage().contains(StorageStatusMask.ON_LINE_STORAGE)) {
      storage.add("(o.state NOT IN :destroyed AND o.archivedMicros IS NULL)");
    }
    if (c.storage().contains(StorageStatusMask.ARCHIVAL_STORAGE)) {
      storage.add("(o.state NOT IN :destroyed AND o.archivedMicros IS NOT NULL)");
    }
    if (c.storage().contains(StorageStatusMask.DESTROYED_STORAGE)) {
      storage.add("o.state IN :destroyed");
    }
    w.append(" AND (").append(storage.isEmpty() ? "1 = 0" : String.join(" OR ", storage)).append(')');
    int i = 0;
    for (AttributeFilter f : c.filters()) {
      String p = "p" + i++;
      switch (f.sql()) {
        case UNIQUE_IDENTIFIER -> {
          if (f.likePattern() != null) {
            w.append(" AND o.uniqueIdentifier LIKE :").append(p).append(" ESCAPE '").append(AttributeFilter.LIKE_ESCAPE).append('\'');
            params.put(p, f.likePattern());
          } else {
            w.append(" AND o.uniqueIdentifier = :").append(p);
            params.put(p, f.text());
          }
        }
        case OBJECT_TYPE -> {
          w.append(" AND o.objectType = :").append(p);
          params.put(p, f.objectType());
        }
        case STATE -> {
          if (f.states().isEmpty()) {
            w.append(" AND 1 = 0");
          } else {
            w.append(" AND o.state IN :").append(p);
            params.put(p, f.states());
          }
        }
        case ATTRIBUTE -> {
          w.append(" AND EXISTS (SELECT a FROM StoredAttribute a WHERE a.managedObject = o AND a.name = :").append(p).append('n');
          params.put(p + "n", f.name());
          if (f.text() != null) {
            w.append(" AND a.searchText = :").append(p).append('t');
            params.put(p + "t", f.text());
          } else if (f.likePattern() != null) {
            // Values too long for SEARCH_TEXT have none: they stay candidates.
            w.append(" AND (a.searchText LIKE :").append(p).append("t ESCAPE '").append(AttributeFilter.LIKE_ESCAPE)
                .append("' OR a.searchText IS NULL)");
            params.put(p + "t", f.likePattern());
          }
          if (f.number() != null) {
            w.append(" AND a.searchNumber = :").append(p).append('x');
            params.put(p + "x", f.number());
          }
          if (f.numberLow() != null) {
            w.append(" AND a.searchNumber BETWEEN :").append(p).append("lo AND :").append(p).append("hi");
            params.put(p + "lo", f.numberLow());
            params.put(p + "hi", f.numberHigh());
          }
          w.append(')');
        }
      }
    }
    return w.toString();
  }
}
