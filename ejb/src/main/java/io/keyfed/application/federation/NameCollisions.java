package io.keyfed.application.federation;

import io.keyfed.domain.federation.NameCollision;
import io.keyfed.domain.federation.NameCollisionPolicy;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Name collisions between a peer's objects and this server's (DESIGN.md use case 3): before a
 * peer's Put or Notify is applied, each Name Value it brings is looked up here among the objects
 * that are not destroyed; a match is a collision, resolved by the peering's
 * {@link NameCollisionPolicy} and recorded ({@link NameCollision}, shown by the admin API).
 * Unique Identifiers cannot collide (see {@code UniqueIdentifiers}); Names are chosen by people.
 */
@ApplicationScoped
public class NameCollisions {

  private static final Logger LOG = Logger.getLogger(NameCollisions.class.getName());

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ManagedObjectRepository repository;

  @Inject
  PeerDirectory peers;

  @Inject
  KeyfedConfig config;

  /**
   * What becomes of an arriving object's Names: whether the object is refused, the Names it keeps,
   * and the Name Values found free here — no other object had them when they were looked up.
   */
  public record Resolution(boolean rejected, List<Attribute> names, List<String> free) {}

  /**
   * Resolves the collisions of the Names a peer sends for object {@code uid}.
   *
   * @param names the arriving Name attributes
   * @param isNew whether the object is new here (only a new object can be rejected whole; for an
   *     object already here, REJECT refuses the colliding Name and the object keeps its others)
   */
  public Resolution resolve(String origin, String uid, List<Attribute> names, boolean isNew, Instant now) {
    if (names.isEmpty()) {
      return new Resolution(false, names, List.of());
    }
    ServerEntity peer = peers.named(origin);
    NameCollisionPolicy policy = peer == null ? NameCollisionPolicy.KEEP_BOTH : peer.nameCollision();
    List<Attribute> out = new ArrayList<>(names.size());
    List<String> free = new ArrayList<>(names.size());
    for (Attribute a : names) {
      Ttlv value = a.value().child(Tag.NAME_VALUE);
      if (value == null) {
        out.add(a);
        continue;
      }
      String name = value.asText();
      List<String> others = new ArrayList<>(repository.named(name));
      others.remove(uid);
      if (others.isEmpty()) {
        out.add(a);
        free.add(name);
        continue;
      }
      if (others.stream().allMatch(o -> isCopyFrom(o, origin))) {
        // Only copies of the same peer's objects have it: no collision but one in transit. A server
        // refuses a second object with a Name, so at the peer the Name has already left that
        // object (a rename, or a Re-key giving it to the replacement), and that change is on its
        // way in another lane. Kept as it is; not free either (the copy still has it for now).
        out.add(a);
        continue;
      }
      String local = others.get(0);
      switch (policy) {
        case KEEP_BOTH -> {
          String renamed = NameCollision.qualified(name, origin);
          out.add(new Attribute(a.name(), ManagedObject.withNameValue(a.value(), renamed)));
          record(now, origin, name, uid, local, policy, "both kept; the arriving object is named '" + renamed + "'");
        }
        case REJECT -> {
          if (isNew) {
            record(now, origin, name, uid, local, policy, "the arriving object is not stored; its later changes are dropped");
            return new Resolution(true, List.of(), List.of());
          }
          record(now, origin, name, uid, local, policy, "the arriving Name is refused; the object keeps its other Names");
        }
        case MASTER_WINS -> {
          String renamed = NameCollision.qualified(name, config.serverName());
          for (String o : others) {
            ManagedObject m = repository.find(o);
            if (m != null) {
              m.renameName(name, renamed, now);
            }
          }
          out.add(a);
          record(now, origin, name, uid, local, policy, "the arriving object keeps the name; " + others.size()
              + " object(s) here renamed '" + renamed + "'");
        }
        default -> throw new IllegalStateException(policy.name());
      }
    }
    return new Resolution(false, out, free);
  }

  /** Whether object {@code uid} here is a copy of an object that {@code origin} masters. */
  private boolean isCopyFrom(String uid, String origin) {
    ManagedObject o = repository.find(uid);
    return o != null && origin.equals(Markers.masterOf(o));
  }

  /** Whether the peer's object was rejected here for its Name (its later changes are then dropped). */
  public boolean rejected(String origin, String uid) {
    return em.createNamedQuery(NameCollision.REJECTED, Long.class).setParameter("peer", origin).setParameter("uid", uid)
        .getSingleResult() > 0;
  }

  public List<NameCollision> recent(String peer, int max) {
    return (peer == null ? em.createNamedQuery(NameCollision.ALL, NameCollision.class)
        : em.createNamedQuery(NameCollision.BY_PEER, NameCollision.class).setParameter("peer", peer))
        .setMaxResults(max).getResultList();
  }

  private void record(Instant now, String origin, String name, String uid, String local, NameCollisionPolicy policy, String outcome) {
    // A peer re-sending the object (a Put Replace, a rule resumed) meets the same collision: one record.
    boolean known = !em.createQuery("SELECT c.id FROM NameCollision c WHERE c.peer = :p AND c.incomingUniqueIdentifier = :u"
            + " AND c.localUniqueIdentifier = :l AND c.nameValue = :n AND c.policy = :policy", Long.class)
        .setParameter("p", origin).setParameter("u", uid).setParameter("l", local).setParameter("n", name)
        .setParameter("policy", policy).setMaxResults(1).getResultList().isEmpty();
    if (known) {
      return;
    }
    em.persist(new NameCollision(now, origin, name, uid, local, policy, outcome));
    LOG.info("Name collision with " + origin + ": '" + name + "' of object " + uid + " is already the name of object "
        + local + " here; policy " + policy + ": " + outcome);
  }
}
