package io.keyfed.application;

import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One batch item answered Operation Pending, under its Asynchronous Correlation Value (KMIP 1.4
 * §6.8): whose it is, the request item, the transaction it runs in and, once done, its result —
 * the response batch item it would have had synchronously, which Poll returns.
 */
public final class PendingOperation {

  private final byte[] correlationValue;
  private final String key;
  private final String owner;
  private final RequestBatchItem item;
  private final Work work;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile ResponseBatchItem result;
  private volatile Instant finishedAt;
  private boolean delivered;

  PendingOperation(byte[] correlationValue, String owner, RequestBatchItem item, Work work) {
    this.correlationValue = correlationValue.clone();
    this.key = key(correlationValue);
    this.owner = owner;
    this.item = item;
    this.work = work;
  }

  static String key(byte[] correlationValue) {
    return HexFormat.of().formatHex(correlationValue);
  }

  public byte[] correlationValue() {
    return correlationValue.clone();
  }

  String key() {
    return key;
  }

  public String owner() {
    return owner;
  }

  public RequestBatchItem item() {
    return item;
  }

  Work work() {
    return work;
  }

  /** The result, or null while the item is pending. */
  public ResponseBatchItem result() {
    return result;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  CompletableFuture<Void> done() {
    return done;
  }

  void finish(ResponseBatchItem r, Instant at) {
    result = r;
    finishedAt = at;
    done.complete(null);
  }

  /** The result for a Poll: marks it delivered, after which a Cancel can no longer withdraw it. */
  public synchronized ResponseBatchItem deliver() {
    ResponseBatchItem r = result;
    if (r != null) {
      delivered = true;
    }
    return r;
  }

  synchronized boolean delivered() {
    return delivered;
  }

  /**
   * Replaces an undelivered result by the canceled one; false when Poll already delivered it.
   */
  synchronized boolean withdraw(ResponseBatchItem canceled) {
    if (delivered) {
      return false;
    }
    result = canceled;
    return true;
  }

  /** The answer for an item canceled by the client (Result Reason Operation Canceled By Requester). */
  static ResponseBatchItem canceled(RequestBatchItem item, String why) {
    return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.OPERATION_CANCELED_BY_REQUESTER, why);
  }

  static boolean isCanceled(ResponseBatchItem r) {
    return r.resultStatus() == ResultStatus.OPERATION_FAILED && r.resultReason() == ResultReason.OPERATION_CANCELED_BY_REQUESTER;
  }

  /**
   * The transaction a pending item runs in — its own, or with an Undo batch the one all the
   * batch's items share — and how far it has got, which decides what a Cancel can still do: until
   * the work starts to commit, a Cancel wins and the work rolls back; after, the work wins.
   */
  static final class Work {

    enum State { QUEUED, RUNNING, CANCEL_REQUESTED, COMMITTING, FINISHED }

    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);

    /** False when canceled before it started: then it must not run at all. */
    boolean start() {
      return state.compareAndSet(State.QUEUED, State.RUNNING);
    }

    boolean cancelRequested() {
      return state.get() == State.CANCEL_REQUESTED;
    }

    /** False when a Cancel came first: then the work must roll back. */
    boolean beginCommit() {
      return state.compareAndSet(State.RUNNING, State.COMMITTING);
    }

    void finish() {
      state.set(State.FINISHED);
    }

    /** True when the work is sure to have no effect; false when it is committing or done. */
    boolean requestCancel() {
      while (true) {
        State s = state.get();
        switch (s) {
          case QUEUED, RUNNING -> {
            if (state.compareAndSet(s, State.CANCEL_REQUESTED)) {
              return true;
            }
          }
          case CANCEL_REQUESTED -> {
            return true;
          }
          default -> {
            return false;
          }
        }
      }
    }
  }
}
