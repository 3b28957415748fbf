package io.keyfed.application.federation;

import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.federation.ServerEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The reads behind {@link PeerDirectory} and {@link RuleCache}, outside any transaction: what they
 * return is kept across transactions, so it must come back detached, whoever asks (the KMIP
 * listener outside a transaction, a handler inside one).
 *
 * <p>An EJB, not an entity manager factory in the caches themselves: in the EAR on Payara Server
 * a {@code @PersistenceUnit} in a CDI bean of the EJB module is resolved in the calling web
 * module's naming environment, which does not see the EJB module's persistence unit (Unable to
 * retrieve EntityManagerFactory for unitName keyfed); an EJB has its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FederationReads {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  /**
   * Read-only results (EclipseLink's shared-cache instances, never registered in a unit of work):
   * registering clones them under the cache's write locks, and a KMIP operation's interceptor
   * then waited there for a delivery transaction updating the same server entity — central
   * stopped answering after a few hundred Creates under the propagation benchmark. The callers
   * only read what they get.
   */
  private static final String READ_ONLY = "eclipselink.read-only";

  public List<ServerEntity> servers() {
    return em.createNamedQuery(ServerEntity.ALL, ServerEntity.class).setHint(READ_ONLY, Boolean.TRUE).getResultList();
  }

  public List<PropagationRule> activeRules() {
    return em.createNamedQuery(PropagationRule.ACTIVE, PropagationRule.class).setHint(READ_ONLY, Boolean.TRUE).getResultList();
  }
}
