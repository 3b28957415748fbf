package io.keyfed.application;

import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.audit.AuditRecord;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Reading the audit trail (admin API). */
@Stateless
public class AuditQueries {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  public List<AuditEvent> latest(int limit) {
    return em.createNamedQuery(AuditRecord.LATEST, AuditRecord.class).setMaxResults(limit)
        .getResultStream().map(AuditRecord::toEvent).toList();
  }

  public List<AuditEvent> ofObject(String uniqueIdentifier, int limit) {
    return em.createNamedQuery(AuditRecord.BY_OBJECT, AuditRecord.class).setParameter("uid", uniqueIdentifier)
        .setMaxResults(limit).getResultStream().map(AuditRecord::toEvent).toList();
  }
}
