package io.keyfed.application.bulk;

import io.keyfed.domain.bulk.BulkJob;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The bulk jobs' records, each change in a transaction of its own (the jobs run outside any). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BulkJobs {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  BulkPages pages;

  public String wrappingKeyProblem(String uid) {
    return pages.wrappingKeyProblem(uid);
  }

  public BulkJob createExport(String requestedBy, String wrappingKey, String objectGroup, String owner) {
    long total = pages.examinedCount(owner);
    BulkJob j = BulkJob.export(requestedBy, wrappingKey, objectGroup, owner, total, Instant.now());
    em.persist(j);
    em.flush();
    return j;
  }

  public BulkJob createImport(String requestedBy, String unwrappingKey, String owner, boolean replaceExisting, long bytes) {
    BulkJob j = BulkJob.importing(requestedBy, unwrappingKey, owner, replaceExisting, bytes, Instant.now());
    em.persist(j);
    em.flush();
    return j;
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public BulkJob find(long id) {
    return em.find(BulkJob.class, id);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<BulkJob> list(BulkJob.Kind kind) {
    return em.createQuery("SELECT j FROM BulkJob j WHERE j.kind = :kind ORDER BY j.id DESC", BulkJob.class)
        .setParameter("kind", kind).setMaxResults(1000).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> running() {
    return em.createQuery("SELECT j.id FROM BulkJob j WHERE j.state = :s", Long.class)
        .setParameter("s", BulkJob.JobState.RUNNING).getResultList();
  }

  public void fail(long id, String why) {
    BulkJob j = em.find(BulkJob.class, id);
    if (j != null && j.running()) {
      j.failed(why, Instant.now());
    }
  }

  public void delete(long id) {
    BulkJob j = em.find(BulkJob.class, id);
    if (j != null) {
      em.remove(j);
    }
  }
}
