package io.keyfed.application.federation;

import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    // The page's identifiers and types, then its attribute rows, of which only those the selector
    // reads and the master marker are decoded: two queries a page, and no object built with all
    // its attributes (a third of a move's cost at the old server, measured, when the scan loaded
    // whole objects).
    TypedQuery<Object[]> q = em.createQuery("SELECT o.uniqueIdentifier, o.objectType FROM ManagedObject o WHERE o.createdMicros < :started"
        + (after == null ? "" : " AND o.uniqueIdentifier > :after") + " ORDER BY o.uniqueIdentifier", Object[].class)
        .setParameter("started", r.moveStartedMicros()).setMaxResults(pageSize);
    if (after != null) {
      q.setParameter("after", after);
    }
    List<Object[]> page = q.getResultList();
    List<String> ids = page.stream().map(row -> (String) row[0]).toList();
    Map<String, Map<String, List<Attribute>>> read = new HashMap<>();
    if (!ids.isEmpty()) {
      Set<String> names = new HashSet<>(r.selectorAttributes());
      names.add(Markers.MASTER);
      // The page's identifiers are a contiguous run in identifier order: its attribute rows are
      // a range of the OBJECT_UID index (rows of objects created since, in that range, are
      // ignored below). An IN of the 500 identifiers was tested by H2 against each row one
      // identifier at a time (bound parameters are not hashed), and a second IN on the name made
      // it read every row of those names: both measured as most of a scan's cost.
      TypedQuery<Object[]> rows = em.createQuery("SELECT a.objectUid, a.name, a.valueTtlv FROM StoredAttribute a WHERE"
          + (after == null ? "" : " a.objectUid > :after AND") + " a.objectUid <= :last", Object[].class)
          .setParameter("last", ids.get(ids.size() - 1));
      if (after != null) {
        rows.setParameter("after", after);
      }
      for (Object[] row : rows.getResultList()) {
        if (!names.contains((String) row[1])) {
          continue;
        }
        try {
          read.computeIfAbsent((String) row[0], k -> new HashMap<>()).computeIfAbsent((String) row[1], k -> new ArrayList<>())
              .add(new Attribute((String) row[1], new TtlvReader().read((byte[]) row[2])));
        } catch (TtlvException e) {
          throw new IllegalStateException("stored attribute " + row[1] + " of " + row[0] + " is corrupt", e);
        }
      }
    }
    Instant now = Instant.now();
    int queued = 0;
    for (Object[] row : page) {
      Map<String, List<Attribute>> attributes = read.getOrDefault((String) row[0], Map.of());
      // Only what this server masters moves; a replica stays a replica of its master.
      if (!attributes.containsKey(Markers.MASTER) && r.selects((ObjectType) row[1], n -> attributes.getOrDefault(n, List.of()))) {
        em.persist(OutboxEntry.put(r, (String) row[0], null, now));
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
