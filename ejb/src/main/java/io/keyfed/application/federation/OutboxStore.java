package io.keyfed.application.federation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.MovedObject;
import io.keyfed.domain.federation.Form;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox's transactions for the delivery loop, each short and of its own: read what is due,
 * turn an entry into the KMIP request that carries it, and record the outcome. The network call
 * happens between them, outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ObjectSealer sealer;

  @Inject
  KeyfedConfig config;

  @Inject
  TransportKeys transport;

  /** One message ready to send: the entry it comes from, the operation and its payload. */
  public record Outgoing(long entryId, String uniqueIdentifier, Operation operation, Ttlv payload) {}

  /** Up to {@code max} due entries of a peer, oldest first, as messages; stops at the first not due. */
  public List<Outgoing> due(long targetId, int max, Instant now) {
    List<OutboxEntry> entries = em.createNamedQuery(OutboxEntry.DUE, OutboxEntry.class)
        .setParameter("target", targetId).setMaxResults(max).getResultList();
    List<OutboxEntry> due = new ArrayList<>();
    for (OutboxEntry e : entries) {
      if (!e.due(now)) {
        break; // keep the order: nothing overtakes an entry that is waiting to be retried
      }
      due.add(e);
    }
    Map<String, ManagedObject> objects = withAttributes(due.stream()
        .filter(e -> e.kind() != OutboxEntry.Kind.NOTIFY).map(OutboxEntry::uniqueIdentifier).toList());
    List<Outgoing> out = new ArrayList<>(due.size());
    for (OutboxEntry e : due) {
      out.add(message(e, objects));
    }
    return out;
  }

  /**
   * The objects of a run of entries with their attributes, in one statement: the State column and
   * the attribute rows from one snapshot (a Put of an object being activated must not carry the
   * old State with the new Activation Date), and one query a run rather than one (or two) per object.
   */
  private Map<String, ManagedObject> withAttributes(Collection<String> uids) {
    Map<String, ManagedObject> out = new HashMap<>();
    if (uids.isEmpty()) {
      return out;
    }
    // (A fetch join repeats the object once per attribute row: the map keeps one.)
    for (ManagedObject o : em.createQuery("SELECT o FROM ManagedObject o LEFT JOIN FETCH o.storedAttributes"
        + " WHERE o.uniqueIdentifier IN :uids", ManagedObject.class).setParameter("uids", new HashSet<>(uids)).getResultList()) {
      out.put(o.uniqueIdentifier(), o);
    }
    return out;
  }

  private Outgoing message(OutboxEntry e, Map<String, ManagedObject> objects) {
    ServerEntity target = em.find(ServerEntity.class, e.targetId());
    KmipVersion version = target == null ? KmipVersion.V2_1 : target.kmipVersion();
    if (e.kind() == OutboxEntry.Kind.NOTIFY) {
      try {
        return new Outgoing(e.id(), e.uniqueIdentifier(), Operation.NOTIFY,
            Notifications.notifyPayload(e.uniqueIdentifier(), new TtlvReader().read(e.changes()), e.id(), version));
      } catch (TtlvException ex) {
        throw new IllegalStateException("outbox entry " + e.id() + " is corrupt", ex);
      }
    }
    ManagedObject o = objects.get(e.uniqueIdentifier());
    PropagationRule rule = em.find(PropagationRule.class, e.ruleId());
    if (o == null || rule == null || target == null) {
      // The object or the rule is gone: nothing to send; the entry is dropped by the caller.
      return new Outgoing(e.id(), e.uniqueIdentifier(), null, null);
    }
    Ttlv object = null;
    if (!o.isDestroyed()) {
      try {
        object = new TtlvReader().read(sealer.unseal(o.uniqueIdentifier(), o.sealedObject()));
      } catch (TtlvException ex) {
        throw new IllegalStateException("stored object " + o.uniqueIdentifier() + " is corrupt", ex);
      }
      if (rule.form() == Form.WRAPPED) {
        object = transport.wrapFor(target, object);
      }
    }
    return new Outgoing(e.id(), e.uniqueIdentifier(), Operation.PUT,
        Notifications.putPayload(o.uniqueIdentifier(), e.replacedUniqueIdentifier(), object, markedAttributes(o, rule), e.id(),
            version));
  }

  /** The object's attributes as the target is to hold them: with the federation markers of its copy. */
  private List<Attribute> markedAttributes(ManagedObject o, PropagationRule rule) {
    List<Attribute> out = new ArrayList<>();
    for (Attribute a : o.attributes()) {
      if (!Markers.isMarker(a.name())) {
        out.add(a);
      }
    }
    String master = Markers.masterOf(o);
    String origin = Markers.textOf(o, Markers.ORIGIN);
    out.add(Markers.text(Markers.MASTER, master != null ? master : config.serverName()));
    out.add(Markers.text(Markers.ORIGIN, origin != null ? origin : config.serverName()));
    out.add(Markers.text(Markers.REPLICA, switch (rule.direction()) {
      case EXCHANGE -> Markers.COPY;
      case MOVE -> Markers.MOVED;
      default -> Markers.READ_ONLY;
    }));
    out.add(Markers.text(Markers.OWNER, rule.targetOwner() != null ? rule.targetOwner() : o.owner()));
    if (rule.leaseSeconds() != null) {
      out.add(Markers.longValue(Markers.LEASE_SECONDS, rule.leaseSeconds()));
    }
    if (rule.usageAllocation() != null) {
      out.add(Markers.longValue(Markers.ALLOCATION, rule.usageAllocation()));
    }
    return out;
  }

  /** Delivered: the entry goes, the peer's last contact is recorded. */
  public void delivered(long entryId, long targetId, Instant now) {
    delivered(List.of(entryId), targetId, now);
  }

  /**
   * Delivered together (one request message): the entries go, the peer's last contact is recorded.
   * A MOVE rule's Put delivered takes its object away from this server in the same transaction,
   * leaving the record of where it went: the object is here or recorded moved, never neither and
   * never both once this commits (the target applies a repeated Put once).
   */
  public void delivered(List<Long> entryIds, long targetId, Instant now) {
    if (entryIds.isEmpty()) {
      return;
    }
    ServerEntity s = em.find(ServerEntity.class, targetId);
    // The run's entries, the objects a MOVE takes away and their records, three statements a run
    // rather than four per object (the deletes and inserts are batched by the persistence provider).
    Map<Long, OutboxEntry> entries = new HashMap<>();
    for (OutboxEntry e : em.createQuery("SELECT e FROM OutboxEntry e WHERE e.id IN :ids", OutboxEntry.class)
        .setParameter("ids", new HashSet<>(entryIds)).getResultList()) {
      entries.put(e.id(), e);
    }
    List<OutboxEntry> moving = new ArrayList<>();
    for (Long id : entryIds) {
      OutboxEntry e = entries.get(id);
      if (e == null) {
        continue;
      }
      em.remove(e);
      if (e.kind() == OutboxEntry.Kind.PUT && s != null) {
        PropagationRule rule = em.find(PropagationRule.class, e.ruleId());
        if (rule != null && rule.direction() == Direction.MOVE) {
          moving.add(e);
        }
      }
    }
    if (!moving.isEmpty()) {
      // The objects go by two bulk deletes (their attribute rows, then them), not by loading each
      // with its attributes to remove it: a move is mostly this, and loading what is deleted
      // doubled its cost. Nothing else refers to an object's rows, and an object being moved
      // cannot change meanwhile (FederationEngine refuses changes to it).
      Set<String> uids = new HashSet<>(moving.stream().map(OutboxEntry::uniqueIdentifier).toList());
      Map<String, String> owners = new HashMap<>();
      for (Object[] row : em.createQuery("SELECT o.uniqueIdentifier, o.owner FROM ManagedObject o WHERE o.uniqueIdentifier IN :uids",
          Object[].class).setParameter("uids", uids).getResultList()) {
        owners.put((String) row[0], (String) row[1]);
      }
      Set<String> recorded = new HashSet<>(em.createQuery("SELECT m.uniqueIdentifier FROM MovedObject m"
          + " WHERE m.uniqueIdentifier IN :uids", String.class).setParameter("uids", uids).getResultList());
      Set<String> gone = new HashSet<>();
      for (OutboxEntry e : moving) {
        String uid = e.uniqueIdentifier();
        if (owners.containsKey(uid) && recorded.add(uid)) {
          em.persist(new MovedObject(uid, em.find(PropagationRule.class, e.ruleId()).name(), s, owners.get(uid), now));
          gone.add(uid);
        }
      }
      if (!gone.isEmpty()) {
        em.createQuery("DELETE FROM StoredAttribute a WHERE a.objectUid IN :uids")
            .setParameter("uids", gone).executeUpdate();
        em.createQuery("DELETE FROM ManagedObject o WHERE o.uniqueIdentifier IN :uids").setParameter("uids", gone).executeUpdate();
      }
    }
    if (s != null) {
      s.contacted(now, entryIds.size());
    }
  }

  /** Not delivered: retried later, the peer's error recorded. */
  public void failed(long entryId, long targetId, String error, Instant now) {
    OutboxEntry e = em.find(OutboxEntry.class, entryId);
    if (e != null) {
      e.failed(error, now);
    }
    ServerEntity s = em.find(ServerEntity.class, targetId);
    if (s != null) {
      s.failed(now, error);
    }
  }

  public List<Long> targetsWithWork() {
    return em.createNamedQuery(OutboxEntry.TARGETS_WITH_WORK, Long.class).getResultList();
  }

  public ServerEntity server(long id) {
    ServerEntity s = em.find(ServerEntity.class, id);
    if (s != null) {
      em.detach(s);
    }
    return s;
  }
}
