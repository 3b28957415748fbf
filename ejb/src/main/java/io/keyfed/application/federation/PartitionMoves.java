package io.keyfed.application.federation;

import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.MovedObject;
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
    TypedQuery<ManagedObject> q = em.createQuery("SELECT o FROM ManagedObject o WHERE o.createdMicros < :started"
        + (after == null ? "" : " AND o.uniqueIdentifier > :after") + " ORDER BY o.uniqueIdentifier", ManagedObject.class)
        .setParameter("started", r.moveStartedMicros()).setMaxResults(pageSize);
    if (after != null) {
      q.setParameter("after", after);
    }
    List<ManagedObject> page = q.getResultList();
    Instant now = Instant.now();
    int queued = 0;
    for (ManagedObject o : page) {
      // Only what this server masters moves; a replica stays a replica of its master.
      if (Markers.masterOf(o) == null && r.selects(o)) {
        em.persist(OutboxEntry.put(r, o.uniqueIdentifier(), null, now));
        queued++;
      }
    }
    boolean more = page.size() == pageSize;
    r.moveScanned(page.isEmpty() ? null : page.get(page.size() - 1).uniqueIdentifier(), !more);
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
    long moved = em.createNamedQuery(MovedObject.COUNT_BY_RULE, Long.class).setParameter("rule", r.name()).getSingleResult();
    long left = em.createQuery("SELECT COUNT(e) FROM OutboxEntry e WHERE e.ruleId = :rule", Long.class)
        .setParameter("rule", r.id()).getSingleResult();
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
