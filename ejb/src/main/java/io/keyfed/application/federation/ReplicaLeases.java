package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.object.ManagedObject;
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

  /** What to ask a master for: renew a lease, refill an allocation (by how many uses). */
  public record Due(String uniqueIdentifier, ServerEntity master, boolean renewLease, long refill) {}

  public List<Due> due(Instant now) {
    List<ManagedObject> replicas = em.createQuery("SELECT DISTINCT a.managedObject FROM StoredAttribute a WHERE a.name IN :names",
        ManagedObject.class).setParameter("names", List.of(Markers.LEASE_SECONDS, Markers.ALLOCATION)).getResultList();
    List<Due> out = new ArrayList<>();
    for (ManagedObject o : replicas) {
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
