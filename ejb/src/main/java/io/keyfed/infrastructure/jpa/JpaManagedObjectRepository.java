package io.keyfed.infrastructure.jpa;

import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Managed objects in the database. Locate runs the criteria the database can check as one JPQL
 * query (owner, Object Type, State, Name, Object Group, paging); criteria on other attributes are
 * checked on the loaded objects, and paging then happens in memory.
 */
@ApplicationScoped
public class JpaManagedObjectRepository implements ManagedObjectRepository {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Override
  public void add(ManagedObject object) {
    em.persist(object);
  }

  @Override
  public ManagedObject find(String uniqueIdentifier) {
    if (uniqueIdentifier == null || uniqueIdentifier.length() > 64) {
      return null;
    }
    ManagedObject o = em.find(ManagedObject.class, uniqueIdentifier);
    if (o != null) {
      o.advanceClock(Instant.now());
    }
    return o;
  }

  @Override
  public LocatePage locate(LocateCriteria c) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (c.owner() != null) {
      where.append(" AND o.owner = :owner");
      params.put("owner", c.owner());
    }
    if (c.objectType() != null) {
      where.append(" AND o.objectType = :type");
      params.put("type", c.objectType());
    }
    if (c.state() != null) {
      where.append(" AND o.state = :state");
      params.put("state", c.state());
    }
    int i = 0;
    for (String n : c.names()) {
      where.append(" AND EXISTS (SELECT a FROM StoredAttribute a WHERE a.managedObject = o AND a.name = 'Name' AND a.searchText = :n").append(i).append(')');
      params.put("n" + i++, n);
    }
    for (String g : c.objectGroups()) {
      where.append(" AND EXISTS (SELECT a FROM StoredAttribute a WHERE a.managedObject = o AND a.name = 'Object Group' AND a.searchText = :n").append(i).append(')');
      params.put("n" + i++, g);
    }
    String order = " ORDER BY o.createdMicros, o.uniqueIdentifier";

    if (c.otherAttributes().isEmpty()) {
      TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM ManagedObject o" + where, Long.class);
      TypedQuery<String> ids = em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o" + where + order, String.class);
      params.forEach((k, v) -> {
        count.setParameter(k, v);
        ids.setParameter(k, v);
      });
      ids.setFirstResult(c.offsetItems());
      if (c.maximumItems() != null) {
        ids.setMaxResults(Math.max(0, c.maximumItems()));
      }
      List<String> page = c.maximumItems() != null && c.maximumItems() <= 0 ? List.of() : ids.getResultList();
      return new LocatePage(Math.toIntExact(count.getSingleResult()), page);
    }

    TypedQuery<ManagedObject> q = em.createQuery("SELECT o FROM ManagedObject o" + where + order, ManagedObject.class);
    params.forEach(q::setParameter);
    List<String> matched = new ArrayList<>();
    Instant now = Instant.now();
    for (ManagedObject o : q.getResultList()) {
      o.advanceClock(now);
      if (c.matchesOthers(o)) {
        matched.add(o.uniqueIdentifier());
      }
    }
    int from = Math.min(c.offsetItems(), matched.size());
    int to = c.maximumItems() == null ? matched.size() : Math.min(matched.size(), from + Math.max(0, c.maximumItems()));
    return new LocatePage(matched.size(), List.copyOf(matched.subList(from, to)));
  }
}
