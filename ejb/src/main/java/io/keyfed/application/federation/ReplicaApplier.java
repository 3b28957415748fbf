package io.keyfed.application.federation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.domain.federation.AppliedChange;
import io.keyfed.domain.federation.FederationLock;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.SearchKey;
import io.keyfed.infrastructure.crypto.engine.KeyWrapping;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies a peer's Put or Notify to this server's copy, once: the (origin, object) record keeps
 * the origin's last applied sequence, and a change at or below it is a redelivery and is skipped.
 * A peer may only change objects it masters. The copy takes the master's State, attributes and
 * content as they are; the content is unwrapped with this server's key when it came wrapped, then
 * sealed under this server's master key.
 */
@Stateless
public class ReplicaApplier {

  private static final Logger LOG = Logger.getLogger(ReplicaApplier.class.getName());

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  ChangeTracker tracker;

  @Inject
  TransportKeys transport;

  @Inject
  FederationEngine engine;

  @Inject
  NameCollisions collisions;

  /** The changes of one inbound message, in order, in a transaction of their own (see {@link InboundApplier}). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void applyTogether(String origin, List<InboundChange> changes) {
    List<Object> decoded = new ArrayList<>(changes.size());
    for (InboundChange c : changes) {
      decoded.add(read(origin, c.kind(), c.payload()));
    }
    Run run = prepare(origin, decoded);
    for (Object change : decoded) {
      apply(origin, change, run);
    }
    guardNames(run);
  }

  /** One change in a transaction of its own: after its message failed as a whole. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void applyAlone(String origin, InboundChange change) {
    applyTogether(origin, List.of(change));
  }

  private static Object read(String origin, String kind, byte[] payload) {
    Ttlv tree;
    try {
      tree = new TtlvReader().read(payload);
    } catch (TtlvException e) {
      throw new IllegalArgumentException("undecodable " + kind + " from " + origin + ": " + e.getMessage());
    }
    return "PUT".equals(kind) ? Notifications.readPut(tree) : Notifications.readNotify(tree);
  }

  private void apply(String origin, Object change, Run run) {
    tracker.applyingFromPeer();
    if (change instanceof Notifications.Put p) {
      applyPut(origin, p, run);
    } else {
      applyNotify(origin, (Notifications.Notify) change, run);
    }
    // Rules here may carry the copy further (a site's keys up to central and on to a partner).
    engine.afterOperation(null, null);
    tracker.clear();
  }

  /**
   * What a run of changes (one inbound message) needs from the database, read in three queries
   * before the first is applied instead of three or four per change: the (origin, object)
   * sequence records, locked as {@link #advance} locks one; which objects are already here; which
   * of the arriving Names some object here already has. A partition move or a first backfill is
   * runs of new objects with new Names: each then costs its inserts only. (Each per-change lookup
   * was also a flush of the run's earlier inserts, the persistence provider walking everything the
   * transaction had written so far: quadratic in the run's length.)
   */
  private Run prepare(String origin, List<Object> changes) {
    Set<String> keys = new HashSet<>();
    Set<String> uids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Object c : changes) {
      String uid = c instanceof Notifications.Put p ? p.uniqueIdentifier() : ((Notifications.Notify) c).uniqueIdentifier();
      keys.add(AppliedChange.key(origin, uid));
      uids.add(uid);
      if (c instanceof Notifications.Put p) {
        for (Attribute a : p.attributes()) {
          String v = nameValue(a);
          if (v != null) {
            names.add(v);
          }
        }
      }
    }
    Map<String, AppliedChange> applied = new HashMap<>();
    for (AppliedChange a : em.createQuery("SELECT a FROM AppliedChange a WHERE a.originAndObject IN :keys", AppliedChange.class)
        .setParameter("keys", keys).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
      applied.put(a.key(), a);
    }
    Set<String> absent = new HashSet<>(uids);
    absent.removeAll(repository.stored(uids));
    return new Run(applied, absent, repository.namesInUse(names));
  }

  /**
   * A run's knowledge, kept true while it is applied: a sequence record or object the run stores
   * is known from then on; a Name it stores is no longer known free. Anything that could rename
   * an object here (a collision found, a Notify of Names) ends the shortcut for Names: the rest of
   * the run asks the database as a lone change does.
   */
  static final class Run {
    private final Map<String, AppliedChange> applied;
    private final Set<String> absent;
    private final Set<String> namesInUse;
    private final Set<String> namesStored = new HashSet<>();
    /** Name Values the run gave to an object here as free, by the object: {@link #guardNames} checks them. */
    private final Map<String, String> namesClaimed = new HashMap<>();
    private boolean namesKnown = true;

    Run(Map<String, AppliedChange> applied, Set<String> absent, Set<String> namesInUse) {
      this.applied = applied;
      this.absent = absent;
      this.namesInUse = namesInUse;
    }

    /** Whether no object here has any of these Names (true only when that is certain). */
    boolean namesFree(List<Attribute> names) {
      if (!namesKnown) {
        return false;
      }
      for (Attribute a : names) {
        String v = nameValue(a);
        if (v == null || v.length() > SearchKey.TEXT_MAX || namesInUse.contains(v) || namesStored.contains(v)) {
          return false;
        }
      }
      return true;
    }

    void stored(List<Attribute> names) {
      for (Attribute a : names) {
        String v = nameValue(a);
        if (v != null) {
          namesStored.add(v);
        }
      }
    }

    void claimed(String uid, List<String> nameValues) {
      for (String v : nameValues) {
        if (v != null && v.length() <= SearchKey.TEXT_MAX) {
          namesClaimed.put(v, uid);
        }
      }
    }
  }

  /**
   * The end of each inbound transaction when it gave an object a Name found free: is the Name still
   * that object's alone? The lanes are applied in parallel, and two of them may bring one Name at
   * once (two peers' objects), each blind to the other's uncommitted object. So
   * the check runs under a lock held to the commit, after this transaction's writes: whichever
   * transaction checks second sees the first one's committed object, fails, and is applied again —
   * change by change, where the Name is then found taken and the peering's collision policy
   * decides. Cheap: one locked row and one query, and nothing written while the lock is held.
   */
  private void guardNames(Run run) {
    if (run.namesClaimed.isEmpty()) {
      return;
    }
    em.flush();
    if (em.find(FederationLock.class, FederationLock.INBOUND_NAMES, LockModeType.PESSIMISTIC_WRITE) == null) {
      // The first time on this database (two first-timers: one insert fails, and is applied again).
      em.persist(new FederationLock(FederationLock.INBOUND_NAMES));
      em.flush();
    }
    for (Map.Entry<String, Set<String>> held : repository.nameHolders(run.namesClaimed.keySet()).entrySet()) {
      String mine = run.namesClaimed.get(held.getKey());
      for (String other : held.getValue()) {
        if (!other.equals(mine)) {
          throw new IllegalStateException("the Name '" + held.getKey() + "' came to object " + mine
              + " while object " + other + " took it too; applied again");
        }
      }
    }
  }

  private static String nameValue(Attribute a) {
    if (!a.is(Tag.NAME)) {
      return null;
    }
    Ttlv v = a.value().child(Tag.NAME_VALUE);
    return v == null || v.type() != io.keyfed.kmip.spec.ItemType.TEXT_STRING ? null : v.asText();
  }

  void applyPut(String origin, Notifications.Put p, Run run) {
    if (!advance(origin, p.uniqueIdentifier(), p.sequence(), run)) {
      return;
    }
    List<Attribute> attrs = new ArrayList<>(p.attributes());
    String master = take(attrs, Markers.MASTER);
    if (master != null && !master.equals(origin) && !isChainedCopy(attrs)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, origin + " sent object " + p.uniqueIdentifier() + " mastered by " + master);
    }
    // A partition move: the object comes to live here, mastered by this server from now on.
    boolean moved = attrs.stream().anyMatch(a -> a.name().equals(Markers.REPLICA)
        && a.value().type() == io.keyfed.kmip.spec.ItemType.TEXT_STRING && Markers.MOVED.equals(a.value().asText()));
    if (moved) {
      take(attrs, Markers.REPLICA);
      attrs.removeIf(a -> a.name().equals(Markers.MOVED_FROM));
      attrs.add(Markers.text(Markers.MOVED_FROM, origin));
    } else {
      attrs.add(Markers.text(Markers.MASTER, master != null ? master : origin));
    }
    String owner = take(attrs, Markers.OWNER);
    State state = State.PRE_ACTIVE;
    for (Attribute a : attrs) {
      if (a.is(Tag.STATE)) {
        state = State.fromValue(a.value().asInt());
      }
    }
    Instant now = Instant.now();
    Long lease = longValue(attrs, Markers.LEASE_SECONDS);
    if (lease != null) {
      attrs.removeIf(a -> a.name().equals(Markers.LEASE_EXPIRY));
      attrs.add(Markers.date(Markers.LEASE_EXPIRY, now.plusSeconds(lease)));
    }
    Long allocation = longValue(attrs, Markers.ALLOCATION);
    if (allocation != null) {
      attrs.removeIf(a -> a.name().equals(Markers.USES_LEFT));
      attrs.add(Markers.longValue(Markers.USES_LEFT, allocation));
    }
    ManagedObject existing = run.absent.contains(p.uniqueIdentifier()) ? null : repository.find(p.uniqueIdentifier());
    if (existing != null && !(moved && origin.equals(Markers.textOf(existing, Markers.MOVED_FROM)))) {
      requireMaster(existing, origin);
    }
    List<Attribute> names = attrs.stream().filter(a -> a.is(Tag.NAME)).toList();
    if (run.namesFree(names)) {
      run.claimed(p.uniqueIdentifier(), names.stream().map(ReplicaApplier::nameValue).toList());
    } else {
      if (!names.isEmpty()) {
        run.namesKnown = false; // a collision may rename objects here: the run's Name knowledge ends
      }
      NameCollisions.Resolution r = collisions.resolve(origin, p.uniqueIdentifier(), names, existing == null, now);
      if (r.rejected()) {
        return;
      }
      attrs.removeIf(a -> a.is(Tag.NAME));
      attrs.addAll(r.names());
      run.claimed(p.uniqueIdentifier(), r.free());
    }
    run.stored(attrs);
    run.absent.remove(p.uniqueIdentifier());
    byte[] sealed = null;
    if (p.object() != null) {
      Ttlv object = KeyWrapping.isWrapped(p.object()) ? transport.unwrapWithServerKey(p.object()) : p.object();
      sealed = sealer.seal(p.uniqueIdentifier(), TtlvWriter.encode(object));
    }
    if (existing != null) {
      existing.replaceFromMaster(state, attrs, sealed);
    } else {
      repository.add(ManagedObject.replica(p.uniqueIdentifier(), p.objectType(), owner != null ? owner : origin, state, attrs, sealed));
    }
  }

  void applyNotify(String origin, Notifications.Notify n, Run run) {
    ManagedObject o = run.absent.contains(n.uniqueIdentifier()) ? null : repository.find(n.uniqueIdentifier());
    if (o == null && collisions.rejected(origin, n.uniqueIdentifier())) {
      return; // the object was refused here for its Name: so are its changes
    }
    if (o == null) {
      // Its Put is still on its way (or being retried): fail, so that this Notify is redelivered
      // after it, rather than recorded as applied and the Put then skipped as older.
      throw new IllegalStateException("Notify from " + origin + " for object " + n.uniqueIdentifier()
          + " before its Put; retried");
    }
    if (!advance(origin, n.uniqueIdentifier(), n.sequence(), run)) {
      return;
    }
    requireMaster(o, origin);
    Map<String, List<Ttlv>> changed = n.changed();
    if (changed.containsKey(Tag.NAME.specName())) {
      run.namesKnown = false;
    }
    State state = null;
    List<Ttlv> s = changed.remove(Tag.STATE.specName());
    if (s != null && !s.isEmpty()) {
      state = State.fromValue(s.get(0).asInt());
    }
    changed.keySet().removeIf(Markers::isMarker);
    List<Ttlv> names = changed.get(Tag.NAME.specName());
    if (names != null) {
      List<Attribute> arriving = names.stream().map(v -> new Attribute(Tag.NAME.specName(), v)).toList();
      NameCollisions.Resolution r = collisions.resolve(origin, o.uniqueIdentifier(), arriving, false, Instant.now());
      run.claimed(o.uniqueIdentifier(), r.free());
      List<Attribute> kept = r.names();
      if (kept.isEmpty()) {
        changed.remove(Tag.NAME.specName()); // every arriving Name refused: the copy keeps its own
      } else {
        changed.put(Tag.NAME.specName(), kept.stream().map(Attribute::value).toList());
      }
    }
    o.applyMasterChanges(state, changed, n.deleted().stream().filter(d -> !Markers.isMarker(d)).toList(),
        n.deletedInstances());
  }

  private static void requireMaster(ManagedObject o, String origin) {
    String master = Markers.masterOf(o);
    if (master == null || !master.equals(origin)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED,
          origin + " may not change object " + o.uniqueIdentifier() + (master == null ? ", which this server masters" : ", mastered by " + master));
    }
  }

  /** An upward copy forwarded by the server it was sent to keeps its first master. */
  private static boolean isChainedCopy(List<Attribute> attrs) {
    return false;
  }

  private boolean advance(String origin, String uid, long sequence, Run run) {
    String key = AppliedChange.key(origin, uid);
    AppliedChange a = run.applied.get(key);
    if (a == null) {
      a = new AppliedChange(origin, uid, sequence);
      em.persist(a);
      run.applied.put(key, a);
      return true;
    }
    return a.advance(sequence);
  }

  private static String take(List<Attribute> attrs, String name) {
    String out = null;
    for (int i = attrs.size() - 1; i >= 0; i--) {
      if (attrs.get(i).name().equals(name)) {
        Ttlv v = attrs.get(i).value();
        out = v.type() == io.keyfed.kmip.spec.ItemType.TEXT_STRING ? v.asText() : null;
        attrs.remove(i);
      }
    }
    return out;
  }

  private static Long longValue(List<Attribute> attrs, String name) {
    for (Attribute a : attrs) {
      if (a.name().equals(name)) {
        return a.value().asLong();
      }
    }
    return null;
  }
}
