package io.keyfed.application;

import java.util.function.Function;

/**
 * A TransactionRunner without a container, for plain tests: the work runs directly and nothing
 * is really rolled back (the in-memory repository has no transactions), but every rollback is
 * counted, and a flush or the commit can be made to fail.
 */
public final class DirectTransactions implements TransactionRunner {

  private int transactions;
  private int rollbacks;
  private int flushes;
  private int failFlushNumber = -1;
  private RuntimeException commitFailure;

  @Override
  public <T> T inNewTransaction(Function<UnitOfWork, T> work) {
    transactions++;
    boolean[] rollback = {false};
    T result = work.apply(new UnitOfWork() {
      @Override
      public void flush() {
        if (++flushes == failFlushNumber) {
          rollback[0] = true;
          throw new IllegalStateException("simulated database failure at flush " + flushes);
        }
      }

      @Override
      public void setRollbackOnly() {
        rollback[0] = true;
      }
    });
    if (rollback[0]) {
      rollbacks++;
    } else if (commitFailure != null) {
      rollbacks++;
      throw commitFailure;
    }
    return result;
  }

  /** The n-th flush (from 1) throws, as a database constraint would. */
  public DirectTransactions failFlush(int n) {
    failFlushNumber = n;
    return this;
  }

  /** Every commit throws this. */
  public DirectTransactions failCommit(RuntimeException e) {
    commitFailure = e;
    return this;
  }

  public int transactions() {
    return transactions;
  }

  public int rollbacks() {
    return rollbacks;
  }
}
