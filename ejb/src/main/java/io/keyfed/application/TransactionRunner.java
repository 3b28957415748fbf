package io.keyfed.application;

import java.util.function.Function;

/**
 * Runs work in a transaction of its own that the work itself may decide to roll back. Two things
 * need it: a batch with Batch Error Continuation Option Undo, whose items all run in one
 * transaction so that a failure undoes the earlier items (KMIP 1.4 §6.16, 2.1 §11.5), and an
 * asynchronous batch item, whose transaction a Cancel may still roll back until it commits. The
 * operation handlers join that transaction. The JTA implementation is
 * {@link io.keyfed.infrastructure.jpa.JtaTransactionRunner}.
 */
public interface TransactionRunner {

  /**
   * Runs {@code work} in a new transaction, committed when it returns unless it called
   * {@link UnitOfWork#setRollbackOnly()} (or a handler's failure marked it so).
   *
   * @throws RuntimeException when the commit itself fails; then nothing of the work remains
   */
  <T> T inNewTransaction(Function<UnitOfWork, T> work);

  /** The transaction as the work sees it. */
  interface UnitOfWork {

    /**
     * Writes the changes made so far, so that a database failure surfaces now, in the batch item
     * that caused it, rather than at the commit after the last one.
     */
    void flush();

    /** The transaction is rolled back when the work returns. */
    void setRollbackOnly();
  }
}
