package io.keyfed.application.federation;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs at the end of every operation, inside its transaction (called by the
 * {@link FederationInterceptor}): for each object the operation loaded or created, it works out
 * what changed, refuses what a replica may not do (its transaction then rolls back, so nothing of
 * the refused operation remains), and writes to the outbox the changes that rules select — so the
 * outbox and the change commit together or not at all.
 *
 * <p>A new object, or one that a change brings under a rule (its Object Group or Name now
 * matches), is sent as a Put; later changes as a Notify of the changed and deleted attributes
 * (State and the lifecycle dates are attributes, so Revoke and Destroy are Notifies). A new object
 * that replaces another (Re-key: a Replaced Object link) is a Put Replace. Nothing is ever sent
 * back to the server an object came from.
 */
@ApplicationScoped
public class FederationEngine {

  /** Operations that use a key's material: what a lease or a usage allocation limits. */
  static final Set<Operation> USES = EnumSet.of(Operation.GET, Operation.ENCRYPT, Operation.DECRYPT, Operation.SIGN,
      Operation.SIGNATURE_VERIFY, Operation.MAC, Operation.MAC_VERIFY, Operation.DERIVE_KEY, Operation.EXPORT);

  /** Changes a client may cause on a replica: none but the server's own use accounting. */
  private static final Set<String> REPLICA_SERVER_CHANGES = Set.of(Markers.USES_LEFT, Tag.LAST_CHANGE_DATE.specName(),
      Tag.FRESH.specName());

  @Inject
  ChangeTracker tracker;

  @Inject
  RuleCache rules;

  @Inject
  OutboundSignal signal;

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  /** After {@code op} changed what it changed; throws to refuse (and roll back) the operation. */
  public void afterOperation(Operation op, RequestContext ctx) {
    Map<String, ManagedObject> objects = tracker.objects();
    if (objects.isEmpty()) {
      return;
    }
    boolean fromPeer = tracker.isApplyingFromPeer();
    Instant now = ctx == null ? Instant.now() : ctx.now();
    List<PropagationRule> active = rules.active();
    Set<Long> woken = new LinkedHashSet<>();
    for (ManagedObject o : objects.values()) {
      ObjectSnapshot before = tracker.before(o.uniqueIdentifier());
      ObjectSnapshot after = ObjectSnapshot.of(o);
      boolean created = before == null;
      List<String> changed = created ? new ArrayList<>(after.attributes().keySet()) : before.changedNames(after);
      List<String> deleted = created ? List.of() : before.deletedNames(after);
      String master = Markers.masterOf(o);
      if (!fromPeer) {
        enforce(op, o, before, master, changed, deleted, now);
        if (!created && master == null) {
          refuseWhileMoving(o, before, changed, deleted, active);
        }
      }
      if (!created && changed.isEmpty() && deleted.isEmpty()) {
        continue;
      }
      for (PropagationRule rule : active) {
        if (!rule.selects(o) || rule.target().name().equals(master)
            || rule.target().name().equals(Markers.textOf(o, Markers.ORIGIN))) {
          continue;
        }
        if (master != null && rule.direction() != Direction.UPWARD) {
          // A replica is not pushed further down (only its master decides that), and a partner's
          // key never goes on to a third party: only what this server masters is exchanged.
          continue;
        }
        OutboxEntry entry;
        if (created || selectorChanged(rule, changed)) {
          entry = OutboxEntry.put(rule, o.uniqueIdentifier(), replacedBy(o), now);
        } else {
          entry = OutboxEntry.notify(rule, o.uniqueIdentifier(), changes(o, changed, before.instanceCounts(deleted)), now);
        }
        em.persist(entry);
        woken.add(rule.target().id());
      }
    }
    for (Long target : woken) {
      signal.wake(target);
    }
  }

  /** What clients may not do to replicas and to the federation's own attributes. */
  private void enforce(Operation op, ManagedObject o, ObjectSnapshot before, String master, List<String> changed,
      List<String> deleted, Instant now) {
    for (String n : union(changed, deleted)) {
      if (Markers.isMarker(n) && !(master != null && n.equals(Markers.USES_LEFT))) {
        throw new KmipException(ResultReason.PERMISSION_DENIED, "attribute " + n + " is maintained by the server");
      }
    }
    if (master == null) {
      return;
    }
    if (changedByClient(o, before, changed, deleted)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED,
          "object " + o.uniqueIdentifier() + " is a read-only replica; its master is " + master);
    }
    if (op != null && USES.contains(op)) {
      Replicas.checkAndCountUse(o, now);
    }
  }

  /**
   * An object a MOVE rule selects is on its way to another server: it is read (Get, Locate, use)
   * but not changed here, since the copy that arrives there is the one that counts. Refused with
   * Permission Denied naming the server; once moved, the object is asked for there.
   */
  private static void refuseWhileMoving(ManagedObject o, ObjectSnapshot before, List<String> changed, List<String> deleted,
      List<PropagationRule> active) {
    if (!changedByClient(o, before, changed, deleted)) {
      return;
    }
    for (PropagationRule r : active) {
      if (r.direction() == Direction.MOVE && r.selects(o)) {
        throw new KmipException(ResultReason.PERMISSION_DENIED, "object " + o.uniqueIdentifier()
            + " is moving to server " + r.target().name() + " (rule " + r.name() + "); change it there once it has moved");
      }
    }
  }

  /**
   * Whether the operation changed more than the server's own bookkeeping (use counts, Last Change
   * Date, Fresh) and the State its dates made: a change a replica or a moving object refuses.
   */
  private static boolean changedByClient(ManagedObject o, ObjectSnapshot before, List<String> changed, List<String> deleted) {
    for (String n : union(changed, deleted)) {
      if (!REPLICA_SERVER_CHANGES.contains(n) && !(n.equals(Tag.STATE.specName()) && byClock(o, before))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the object's State change is the one its own dates made: a copy whose Activation Date
   * has come (arrived before its master's Notify of the activation, or while the master is away)
   * becomes Active as its master does. The latest clock is the right one: every earlier transition
   * of this transaction is due by it too.
   */
  private static boolean byClock(ManagedObject o, ObjectSnapshot before) {
    return before != null && o.stateByClock(before.state(), Instant.now()) == o.state();
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Whether a change touched what the rule selects on (so the object may be new to the target). */
  private static boolean selectorChanged(PropagationRule rule, List<String> changed) {
    PropagationRule.Selector s = rule.selector();
    return (s.objectGroup() != null && changed.contains(Tag.OBJECT_GROUP.specName()))
        || (s.namePattern() != null && changed.contains(Tag.NAME.specName()))
        || (s.attributeName() != null && changed.contains(s.attributeName()));
  }

  /** For a Re-key's new object: the object it replaces (its Replaced Object link), else null. */
  static String replacedBy(ManagedObject o) {
    for (Attribute a : o.attributes(Tag.LINK.specName())) {
      Ttlv type = a.value().child(Tag.LINK_TYPE);
      Ttlv target = a.value().child(Tag.LINKED_OBJECT_IDENTIFIER);
      if (type != null && target != null && type.asInt() == LinkType.REPLACED_OBJECT_LINK.value()) {
        return target.asText();
      }
    }
    return null;
  }

  /**
   * The Notify content ({@link Notifications#changes}): every value of each changed attribute, and
   * each deleted attribute with the number of instances it had.
   */
  static byte[] changes(ManagedObject o, List<String> changed, Map<String, Integer> deletedInstanceCounts) {
    List<Attribute> values = new ArrayList<>();
    for (String n : changed) {
      values.addAll(o.attributes(n));
    }
    return TtlvWriter.encode(Notifications.changes(values, deletedInstanceCounts));
  }
}
