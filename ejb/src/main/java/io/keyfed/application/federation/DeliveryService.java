package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.ResultStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox, peer by peer, in order, in runs of up to {@value #BATCH} changes per
 * request message: a JMS signal after each committed change starts a drain of that peer at once,
 * and a sweep every two seconds drains whatever is due (after a crash, a broker outage or a
 * back-off). One drain per peer at a time; a drain sends up to one run per {@link Lanes lane} side
 * by side (an object's changes are all in its lane's run, in order, so no change can overtake
 * another of its object) and records what the peer accepted in one transaction. A delivery the
 * peer refused or could not receive stops that peer's drain (so nothing overtakes it) and is
 * retried with back-off; a delivery made twice (the process died between sending and recording) is
 * applied once by the receiver, which numbers changes by (origin, object, sequence).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryService {

  private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());
  private static final int BATCH = 100;

  @Inject
  OutboxStore store;

  @Inject
  PeerClient peers;

  @Resource
  ManagedExecutorService executor;

  private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Drains one peer now (a no-op if another thread is draining it). */
  public void drain(long targetId) {
    ReentrantLock lock = locks.computeIfAbsent(targetId, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      return;
    }
    try {
      ServerEntity target = store.server(targetId);
      if (target == null) {
        return;
      }
      while (true) {
        List<OutboxStore.Outgoing> due = store.due(targetId, BATCH * Lanes.COUNT, Instant.now());
        if (due.isEmpty()) {
          return;
        }
        if (!deliver(target, due)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivery to server " + targetId + " stopped; it resumes on the next sweep", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends due entries as one run per lane, the runs side by side, and records the accepted ones
   * delivered in one transaction: one round trip per run and one commit at each end instead of
   * per change — the difference between tens and hundreds of changes a second — and the round
   * trips overlapping. Entries with nothing to send (object or rule gone) are simply dropped.
   *
   * @return whether all were delivered (false: a peer refused a run or could not be reached; the
   *     entry at fault is recorded failed, and its run is retried after its back-off)
   */
  private boolean deliver(ServerEntity target, List<OutboxStore.Outgoing> due) {
    List<Run> runs = Lanes.split(due, OutboxStore.Outgoing::uniqueIdentifier).stream().map(r -> new Run(target, r)).toList();
    for (int i = 1; i < runs.size(); i++) {
      try {
        executor.submit(runs.get(i)::sendUnlessTaken);
      } catch (RejectedExecutionException e) {
        break; // the pool is full or shutting down: this thread sends the rest
      }
    }
    // This thread sends what no pool thread has taken yet (all of it when the pool is busy), then
    // waits for the runs being sent: it never waits on a task that is still queued.
    runs.forEach(Run::sendUnlessTaken);
    List<Long> delivered = new ArrayList<>(due.size());
    boolean all = true;
    for (Run r : runs) {
      Failure f = r.outcome();
      if (f == null) {
        r.entries.forEach(m -> delivered.add(m.entryId()));
      } else {
        LOG.log(Level.FINE, f.why(), f.cause());
        store.failed(f.entryId(), target.id(), f.why(), Instant.now());
        all = false;
      }
    }
    store.delivered(delivered, target.id(), Instant.now());
    return all;
  }

  /** The entry at fault in a run that was not delivered, and why. */
  private record Failure(long entryId, String why, Throwable cause) {}

  /** One lane's run: sent once, by whichever thread takes it first. */
  private final class Run {
    final ServerEntity target;
    final List<OutboxStore.Outgoing> entries;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch sent = new CountDownLatch(1);
    private volatile Failure failure;

    Run(ServerEntity target, List<OutboxStore.Outgoing> entries) {
      this.target = target;
      this.entries = entries;
    }

    void sendUnlessTaken() {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      try {
        failure = send(target, entries);
      } catch (RuntimeException e) {
        OutboxStore.Outgoing first = entries.get(0);
        failure = new Failure(first.entryId(), "delivery of " + first.uniqueIdentifier() + " to " + target.name() + ": " + e, e);
      } finally {
        sent.countDown();
      }
    }

    /** Waits for the run (taken by now, so being sent; each exchange has a time-out). */
    Failure outcome() {
      try {
        sent.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while delivering to " + target.name(), e);
      }
      return failure;
    }
  }

  /**
   * Sends a run in one request message, all or none (the peer applies the Puts and Notifies in one
   * transaction).
   *
   * @return null when the peer accepted every change, else the change at fault
   */
  private Failure send(ServerEntity target, List<OutboxStore.Outgoing> run) {
    List<OutboxStore.Outgoing> sent = new ArrayList<>(run.size());
    List<RequestBatchItem> items = new ArrayList<>(run.size());
    for (OutboxStore.Outgoing m : run) {
      if (m.operation() != null) {
        sent.add(m);
        items.add(new RequestBatchItem(m.operation().value(), null, m.payload(), null));
      }
    }
    if (items.isEmpty()) {
      return null;
    }
    List<ResponseBatchItem> answers;
    try {
      answers = peers.callAll(target, items);
    } catch (IOException e) {
      OutboxStore.Outgoing first = sent.get(0);
      return new Failure(first.entryId(), first.operation().specName() + " of " + first.uniqueIdentifier() + " to "
          + target.name() + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < sent.size(); i++) {
      ResponseBatchItem a = i < answers.size() ? answers.get(i) : null;
      if (a == null || !a.succeeded()) {
        // The first failure (earlier items were undone): it is the one at fault, and it is retried.
        OutboxStore.Outgoing m = sent.get(i);
        if (a != null && a.resultStatus() == ResultStatus.OPERATION_UNDONE) {
          continue;
        }
        return new Failure(m.entryId(), m.operation().specName() + " of " + m.uniqueIdentifier() + " to " + target.name() + ": "
            + (a == null ? "no answer" : a.resultReason() + " " + a.resultMessage()), null);
      }
    }
    return null;
  }

  /** The sweep: every peer with due entries, drained in the background. */
  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  void sweep() {
    try {
      for (Long target : store.targetsWithWork()) {
        ReentrantLock lock = locks.get(target);
        if (lock == null || !lock.isLocked()) {
          executor.submit(() -> drain(target));
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "outbox sweep failed", e);
    }
  }
}
