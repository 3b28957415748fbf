package io.keyfed.application.federation;

import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.object.ManagedObject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Partitioning (use case 4): a MOVE rule's objects go to the PARTITION server it names. The
 * objects that existed when the rule was defined are queued here, a page at a time, each page and
 * the position it reached in one transaction (so the scan resumes after a crash where it stood);
 * the outbox delivers them like any Put, and {@link OutboxStore#delivered} takes each delivered
 * object away and records where it went. Progress is counted from those records and the outbox.
 */
@Stateless
public class PartitionMoves {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  OutboundSignal signal;

  /** The MOVE rules whose scan is not finished. */
  public List<Long> scanning() {
    return em.createQuery("SELECT r.id FROM PropagationRule r WHERE r.direction = io.keyfed.domain.federation.Direction.MOVE"
        + " AND r.paused = FALSE AND (r.moveScanDone IS NULL OR r.moveScanDone = FALSE)", Long.class).getResultList();
  }

  /**
   * Queues the next page of a MOVE rule's scan: the objects this server masters, existing when
   * the rule was defined, that the rule selects.
   *
   * @return whether there is more to scan
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean scanPage(long ruleId, int pageSize) {
    PropagationRule r = em.find(PropagationRule.class, ruleId);
    if (r == null || r.paused() || !r.moveScanning()) {
      return false;
    }
    String after = r.moveScannedTo();
    // The page's identifiers, then the objects with their attributes in one statement: two
    // queries a page rather than one per object.
    TypedQuery<String> q = em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o WHERE o.createdMicros < :started"
        + (after == null ? "" : " AND o.uniqueIdentifier > :after") + " ORDER BY o.uniqueIdentifier", String.class)
        .setParameter("started", r.moveStartedMicros()).setMaxResults(pageSize);
    if (after != null) {
      q.setParameter("after", after);
    }
    List<String> ids = q.getResultList();
    // (A fetch join repeats the object once per attribute row: the identity set keeps one.)
    Collection<ManagedObject> page = ids.isEmpty() ? List.of() : new LinkedHashSet<>(em.createQuery("SELECT o FROM ManagedObject o"
        + " LEFT JOIN FETCH o.storedAttributes WHERE o.uniqueIdentifier IN :ids", ManagedObject.class)
        .setParameter("ids", ids).getResultList());
    Instant now = Instant.now();
    int queued = 0;
    for (ManagedObject o : page) {
      // Only what this server masters moves; a replica stays a replica of its master.
      if (Markers.masterOf(o) == null && r.selects(o)) {
        em.persist(OutboxEntry.put(r, o.uniqueIdentifier(), null, now));
        queued++;
      }
    }
    boolean more = ids.size() == pageSize;
    r.moveScanned(ids.isEmpty() ? null : ids.get(ids.size() - 1), !more);
    if (queued > 0) {
      signal.wake(r.target().id());
    }
    return more;
  }

  /**
   * A move's progress: objects moved and still to go; while the scan runs the total is not yet
   * known ({@code counting}) and only what is queued is counted.
   */
  public record Progress(long moved, long left, boolean counting, Instant started, double perSecond, Duration estimatedLeft) {
    public long total() {
      return moved + left;
    }
  }

  public Progress progress(PropagationRule r) {
    if (r.direction() != Direction.MOVE) {
      return null;
    }
    // Both counts in one statement, one snapshot: two queries would straddle a delivery and count
    // its objects twice or not at all.
    Object[] row = (Object[]) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM KF_MOVED WHERE RULE_NAME = ?1),"
        + " (SELECT COUNT(*) FROM KF_OUTBOX WHERE RULE_ID = ?2)").setParameter(1, r.name()).setParameter(2, r.id())
        .getSingleResult();
    long moved = ((Number) row[0]).longValue();
    long left = ((Number) row[1]).longValue();
    Instant started = Instant.ofEpochSecond(r.moveStartedMicros() / 1_000_000, (r.moveStartedMicros() % 1_000_000) * 1_000);
    double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
    double rate = moved / seconds;
    boolean counting = r.moveScanning();
    Duration eta = counting || rate <= 0 ? null : Duration.ofMillis((long) (left / rate * 1000));
    return new Progress(moved, left, counting, started, rate, left == 0 && !counting ? Duration.ZERO : eta);
  }

  /** Progress of every MOVE rule, for the log. */
  public List<PropagationRule> moveRules() {
    return em.createQuery("SELECT r FROM PropagationRule r WHERE r.direction = io.keyfed.domain.federation.Direction.MOVE"
        + " ORDER BY r.name", PropagationRule.class).getResultList();
  }
}
