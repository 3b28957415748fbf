package io.keyfed.infrastructure.jpa;

import io.keyfed.application.TransactionRunner;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Function;

/**
 * A container-managed transaction around a piece of work (REQUIRES_NEW): the operation handlers
 * the work calls are {@code @Stateless} beans with the default REQUIRED, so they join it, and
 * their persistence context is this transaction's. Rolling back is the container's
 * {@code setRollbackOnly}; a handler's {@code KmipException} (an application exception with
 * rollback, ejb-jar.xml) or system exception marks the transaction the same way.
 */
@Stateless
@Local(TransactionRunner.class)
public class JtaTransactionRunner implements TransactionRunner {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Resource
  SessionContext context;

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public <T> T inNewTransaction(Function<UnitOfWork, T> work) {
    return work.apply(new UnitOfWork() {
      @Override
      public void flush() {
        em.flush();
      }

      @Override
      public void setRollbackOnly() {
        context.setRollbackOnly();
      }
    });
  }
}
