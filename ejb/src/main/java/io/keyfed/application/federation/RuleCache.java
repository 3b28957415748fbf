package io.keyfed.application.federation;

import io.keyfed.domain.federation.PropagationRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.List;

/**
 * The active propagation rules, read once and kept: every KMIP operation consults them, and most
 * servers have none. The admin API invalidates the cache when it changes a rule or a server; other
 * instances sharing the database see the change within {@link #MAX_AGE_NANOS}.
 */
@ApplicationScoped
public class RuleCache {

  static final long MAX_AGE_NANOS = 10_000_000_000L;

  // An entity manager of our own, not the transaction's: the KMIP listener asks outside any
  // transaction, and what is read here is kept across transactions, so it must be detached.
  @PersistenceUnit(unitName = "keyfed")
  EntityManagerFactory emf;

  private volatile List<PropagationRule> rules;
  private volatile long loadedAt;

  public List<PropagationRule> active() {
    List<PropagationRule> r = rules;
    if (r == null || System.nanoTime() - loadedAt > MAX_AGE_NANOS) {
      try (EntityManager em = emf.createEntityManager()) {
        r = em.createNamedQuery(PropagationRule.ACTIVE, PropagationRule.class).getResultList();
      }
      rules = List.copyOf(r);
      loadedAt = System.nanoTime();
    }
    return r;
  }

  public void invalidate() {
    rules = null;
  }
}
