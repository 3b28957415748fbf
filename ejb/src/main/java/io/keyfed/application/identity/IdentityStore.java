package io.keyfed.application.identity;

import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.KmipIdentity;
import io.keyfed.domain.identity.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The writes and reads behind {@link IdentityRegistry}: each write in a transaction of its own, so
 * that recording a client never joins (or fails) the client's request; reads outside any
 * transaction, their results detached (they are kept, and read by the request loop).
 */
@Stateless
public class IdentityStore {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  /**
   * Records that the client was seen: a new identity (role client) the first time, else its last
   * seen time moves on. A concurrent first insert of the same name makes this fail at the commit;
   * the caller then reads the identity the other request stored.
   *
   * @return the identity's roles
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Set<Role> seen(String name, String subject, Instant now) {
    KmipIdentity i = em.find(KmipIdentity.class, name);
    if (i == null) {
      i = new KmipIdentity(name, subject, now);
      em.persist(i);
      em.flush();
    } else {
      i.seen(now);
    }
    return i.roles();
  }

  /** The recorded roles, or null when the identity is not recorded. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Set<Role> roles(String name) {
    KmipIdentity i = em.find(KmipIdentity.class, name);
    return i == null ? null : i.roles();
  }

  /** The grants an identity holds. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<AccessGrant> grantsOf(String grantee) {
    return em.createNamedQuery(AccessGrant.OF_GRANTEE, AccessGrant.class).setParameter("grantee", grantee).getResultList();
  }
}
