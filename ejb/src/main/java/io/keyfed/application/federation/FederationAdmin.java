package io.keyfed.application.federation;

import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.FederationException;
import io.keyfed.domain.federation.Form;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.federation.NameCollision;
import io.keyfed.domain.federation.NameCollisionPolicy;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.domain.federation.ServerRole;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.infrastructure.pki.Pem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The admin API's federation use cases: register, change and remove server entities; define,
 * change, pause, resume and remove propagation rules; read each peer's status; list and retry
 * dead outbox entries. A new (or resumed) rule backfills: every existing object it selects is
 * queued as a Put, so a rule's target ends up with all it should have, not only what changes
 * later.
 */
@Stateless
public class FederationAdmin {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  RuleCache rules;

  @Inject
  PeerDirectory peers;

  @Inject
  OutboundSignal signal;

  @Inject
  NameCollisions collisions;

  @Inject
  PartitionMoves moves;

  public List<ServerEntity> servers() {
    return em.createNamedQuery(ServerEntity.ALL, ServerEntity.class).getResultList();
  }

  public ServerEntity server(String name) {
    List<ServerEntity> found = em.createNamedQuery(ServerEntity.BY_NAME, ServerEntity.class).setParameter("name", name).getResultList();
    if (found.isEmpty()) {
      throw FederationException.notFound("no server named " + name);
    }
    return found.get(0);
  }

  public ServerEntity addServer(String name, Set<ServerRole> roles, String host, int port, String certificatePem, String certificateName) {
    return addServer(name, roles, host, port, certificatePem, certificateName, null, null);
  }

  /** With the peering's protocol version and Name collision policy (null: the defaults, 2.1 and KEEP_BOTH). */
  public ServerEntity addServer(String name, Set<ServerRole> roles, String host, int port, String certificatePem, String certificateName,
      KmipVersion kmipVersion, NameCollisionPolicy nameCollision) {
    checkPem(certificatePem);
    if (!em.createNamedQuery(ServerEntity.BY_NAME, ServerEntity.class).setParameter("name", name).getResultList().isEmpty()) {
      throw FederationException.conflict("a server named " + name + " exists");
    }
    ServerEntity s = new ServerEntity(name, roles, host, port, certificatePem, certificateName);
    s.peering(kmipVersion, nameCollision);
    em.persist(s);
    peers.invalidate();
    return s;
  }

  public ServerEntity updateServer(String name, Set<ServerRole> roles, String host, int port, String certificatePem, String certificateName) {
    return updateServer(name, roles, host, port, certificatePem, certificateName, null, null);
  }

  /** As above; a null version or policy keeps the current one. */
  public ServerEntity updateServer(String name, Set<ServerRole> roles, String host, int port, String certificatePem, String certificateName,
      KmipVersion kmipVersion, NameCollisionPolicy nameCollision) {
    checkPem(certificatePem);
    ServerEntity s = server(name);
    s.update(roles, host, port, certificatePem, certificateName);
    s.peering(kmipVersion, nameCollision);
    peers.invalidate();
    return s;
  }

  public void removeServer(String name) {
    ServerEntity s = server(name);
    if (!em.createNamedQuery(PropagationRule.BY_TARGET, PropagationRule.class).setParameter("target", s).getResultList().isEmpty()) {
      throw FederationException.conflict("rules still name " + name + "; remove them first");
    }
    em.createQuery("DELETE FROM OutboxEntry e WHERE e.targetId = :t").setParameter("t", s.id()).executeUpdate();
    em.remove(s);
    peers.invalidate();
  }

  /** The Name collisions met with peers' objects, newest first; {@code peer} null for all peers. */
  public List<NameCollision> collisions(String peer, int max) {
    if (peer != null) {
      server(peer);
    }
    return collisions.recent(peer, max);
  }

  public List<PropagationRule> rules() {
    return em.createNamedQuery(PropagationRule.ALL, PropagationRule.class).getResultList();
  }

  public PropagationRule rule(String name) {
    List<PropagationRule> found = em.createNamedQuery(PropagationRule.BY_NAME, PropagationRule.class).setParameter("name", name).getResultList();
    if (found.isEmpty()) {
      throw FederationException.notFound("no rule named " + name);
    }
    return found.get(0);
  }

  public PropagationRule addRule(String name, String target, PropagationRule.Selector selector, Direction direction, Form form,
      Long leaseSeconds, Long usageAllocation, String targetOwner) {
    if (!em.createNamedQuery(PropagationRule.BY_NAME, PropagationRule.class).setParameter("name", name).getResultList().isEmpty()) {
      throw FederationException.conflict("a rule named " + name + " exists");
    }
    PropagationRule r = new PropagationRule(name, server(target), selector, direction, form, leaseSeconds, usageAllocation, targetOwner);
    em.persist(r);
    em.flush();
    backfill(r);
    rules.invalidate();
    return r;
  }

  public PropagationRule updateRule(String name, PropagationRule.Selector selector, Direction direction, Form form,
      Long leaseSeconds, Long usageAllocation, String targetOwner) {
    PropagationRule r = rule(name);
    r.update(selector, direction, form, leaseSeconds, usageAllocation, targetOwner);
    backfill(r);
    rules.invalidate();
    return r;
  }

  public PropagationRule pause(String name) {
    PropagationRule r = rule(name);
    r.pause();
    rules.invalidate();
    return r;
  }

  public PropagationRule resume(String name) {
    PropagationRule r = rule(name);
    r.resume();
    backfill(r);
    rules.invalidate();
    return r;
  }

  public void removeRule(String name) {
    em.remove(rule(name));
    rules.invalidate();
  }

  /** A MOVE rule's progress (null for other rules). */
  public PartitionMoves.Progress progress(PropagationRule r) {
    return moves.progress(r);
  }

  /**
   * Queues a Put of every object this server masters that the rule selects. A MOVE rule's objects
   * are queued by {@link PartitionMover} instead, in pages that survive a crash.
   */
  private void backfill(PropagationRule r) {
    if (r.paused() || r.direction() == Direction.MOVE) {
      return;
    }
    Instant now = Instant.now();
    int queued = 0;
    for (ManagedObject o : em.createQuery("SELECT o FROM ManagedObject o ORDER BY o.createdMicros", ManagedObject.class).getResultList()) {
      String master = Markers.masterOf(o);
      if (r.selects(o) && !r.target().name().equals(master) && !r.target().name().equals(Markers.textOf(o, Markers.ORIGIN))
          && !(master != null && r.direction() == Direction.DOWNWARD)) {
        em.persist(OutboxEntry.put(r, o.uniqueIdentifier(), null, now));
        queued++;
      }
    }
    if (queued > 0) {
      signal.wake(r.target().id());
    }
  }

  /** A peer's status: outbox depth and age (lag), last contact, last error, deliveries. */
  public record PeerStatus(ServerEntity server, long outboxDepth, Duration lag, long deadEntries) {}

  public PeerStatus status(String name) {
    ServerEntity s = server(name);
    Object[] row = em.createNamedQuery(OutboxEntry.DEPTH, Object[].class).setParameter("target", s.id()).getSingleResult();
    long depth = row[0] == null ? 0 : ((Number) row[0]).longValue();
    Duration lag = row[1] == null ? Duration.ZERO
        : Duration.between(((java.time.LocalDateTime) row[1]).toInstant(java.time.ZoneOffset.UTC), Instant.now());
    long dead = em.createQuery("SELECT COUNT(e) FROM OutboxEntry e WHERE e.targetId = :t AND e.status = "
        + "io.keyfed.domain.federation.OutboxEntry.Status.DEAD", Long.class).setParameter("t", s.id()).getSingleResult();
    return new PeerStatus(s, depth, lag, dead);
  }

  public List<OutboxEntry> deadEntries() {
    return em.createNamedQuery(OutboxEntry.DEAD, OutboxEntry.class).setMaxResults(1000).getResultList();
  }

  public void retry(long entryId) {
    OutboxEntry e = em.find(OutboxEntry.class, entryId);
    if (e == null) {
      throw FederationException.notFound("no outbox entry " + entryId);
    }
    e.retry(Instant.now());
    signal.wake(e.targetId());
  }

  private static void checkPem(String pem) {
    try {
      if (pem == null || Pem.readCertificates(pem).isEmpty()) {
        throw FederationException.invalid("certificate must hold at least one PEM certificate");
      }
    } catch (IOException | RuntimeException e) {
      throw FederationException.invalid("certificate is not a readable PEM certificate: " + e.getMessage());
    }
  }
}
