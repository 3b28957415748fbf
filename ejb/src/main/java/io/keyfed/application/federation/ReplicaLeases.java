package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.spec.State;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The database side of lease renewal and allocation refills, each step a short transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReplicaLeases {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ChangeTracker tracker;

  @Inject
  PeerDirectory peers;

  /** Destroyed replicas keep their markers but are never renewed: left out in SQL, so they cannot fill a tick's limit. */
  private static final List<State> DESTROYED = List.of(State.DESTROYED, State.DESTROYED_COMPROMISED);

  /** What to ask a master for: renew a lease, refill an allocation (by how many uses). */
  public record Due(String uniqueIdentifier, ServerEntity master, boolean renewLease, long refill) {}

  /**
   * The replicas to ask their master about now, at most {@code limit}. Only candidates are loaded,
   * found by the attributes' search columns: a lease ending within half the longest lease length
   * any replica here has, and an allocation with half or more used — never every replica, which
   * at thousands of replicas every few seconds was the replica server's main cost. Each candidate
   * is then checked exactly ({@link Replicas}).
   */
  public List<Due> due(Instant now, int limit) {
    Long longestLease = em.createQuery("SELECT MAX(a.searchNumber) FROM StoredAttribute a WHERE a.name = :name", Long.class)
        .setParameter("name", Markers.LEASE_SECONDS).getSingleResult();
    java.util.LinkedHashMap<String, ManagedObject> candidates = new java.util.LinkedHashMap<>();
    if (longestLease != null) {
      // A lease is due once it ends within half its length: at most half the longest from now.
      for (ManagedObject o : em.createQuery("SELECT a.managedObject FROM StoredAttribute a WHERE a.name = :name"
              + " AND a.searchNumber <= :horizon AND a.managedObject.state NOT IN :destroyed ORDER BY a.searchNumber",
              ManagedObject.class)
          .setParameter("name", Markers.LEASE_EXPIRY).setParameter("destroyed", DESTROYED)
          .setParameter("horizon", now.getEpochSecond() + longestLease / 2 + 1)
          .setMaxResults(limit).getResultList()) {
        candidates.put(o.uniqueIdentifier(), o);
      }
      // A lease marker without an expiry (never happens once applied, but would never be renewed).
      for (ManagedObject o : em.createQuery("SELECT a.managedObject FROM StoredAttribute a WHERE a.name = :seconds"
              + " AND a.managedObject.state NOT IN :destroyed AND NOT EXISTS (SELECT e FROM StoredAttribute e WHERE e.managedObject = a.managedObject AND e.name = :expiry)",
              ManagedObject.class)
          .setParameter("seconds", Markers.LEASE_SECONDS).setParameter("expiry", Markers.LEASE_EXPIRY)
          .setParameter("destroyed", DESTROYED)
          .setMaxResults(limit).getResultList()) {
        candidates.put(o.uniqueIdentifier(), o);
      }
    }
    for (ManagedObject o : em.createQuery("SELECT u.managedObject FROM StoredAttribute u, StoredAttribute al"
            + " WHERE u.managedObject = al.managedObject AND u.name = :left AND al.name = :allocation"
            + " AND u.searchNumber * 2 <= al.searchNumber AND u.managedObject.state NOT IN :destroyed", ManagedObject.class)
        .setParameter("left", Markers.USES_LEFT).setParameter("allocation", Markers.ALLOCATION)
        .setParameter("destroyed", DESTROYED)
        .setMaxResults(limit).getResultList()) {
      candidates.put(o.uniqueIdentifier(), o);
    }
    List<Due> out = new ArrayList<>();
    for (ManagedObject o : candidates.values()) {
      if (o.isDestroyed()) {
        continue;
      }
      ServerEntity master = peers.named(Markers.masterOf(o));
      if (master == null) {
        continue;
      }
      boolean lease = Replicas.leaseDueForRenewal(o, now);
      long refill = 0;
      if (Replicas.allocationDueForRefill(o)) {
        Long allocation = Markers.longOf(o, Markers.ALLOCATION);
        Long left = Markers.longOf(o, Markers.USES_LEFT);
        refill = allocation - (left == null ? 0 : Math.max(0, left));
      }
      if (lease || refill > 0) {
        out.add(new Due(o.uniqueIdentifier(), master, lease, refill));
      }
    }
    return out;
  }

  /** The master renewed the lease for {@code seconds} from {@code now}. */
  public void leaseRenewed(String uid, Instant now, long seconds) {
    ManagedObject o = em.find(ManagedObject.class, uid);
    if (o != null) {
      tracker.applyingFromPeer();
      Long max = Markers.longOf(o, Markers.LEASE_SECONDS);
      long s = max == null ? seconds : seconds <= 0 ? max : Math.min(max, seconds);
      o.setServerAttribute(Markers.date(Markers.LEASE_EXPIRY, now.plusSeconds(s)));
    }
  }

  /** The master granted {@code uses} more uses. */
  public void allocated(String uid, long uses) {
    ManagedObject o = em.find(ManagedObject.class, uid);
    if (o != null) {
      tracker.applyingFromPeer();
      Long left = Markers.longOf(o, Markers.USES_LEFT);
      o.setServerAttribute(Markers.longValue(Markers.USES_LEFT, (left == null ? 0 : Math.max(0, left)) + uses));
    }
  }
}
