package io.keyfed.application.federation;

import io.keyfed.domain.federation.PropagationRule;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives partition moves: every two seconds it queues pages of any MOVE rule's scan (for at most
 * a few seconds, so one big move does not hold the timer), and every ten seconds it logs each
 * move's progress until the move is complete, once more when it is.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PartitionMover {

  private static final Logger LOG = Logger.getLogger(PartitionMover.class.getName());
  static final int PAGE = 500;
  private static final long SCAN_BUDGET_NANOS = 5_000_000_000L;
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  @Inject
  PartitionMoves moves;

  private final AtomicBoolean running = new AtomicBoolean();
  private final Set<String> completeLogged = ConcurrentHashMap.newKeySet();
  private long loggedAt;

  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      long deadline = System.nanoTime() + SCAN_BUDGET_NANOS;
      for (Long rule : moves.scanning()) {
        while (System.nanoTime() < deadline && moves.scanPage(rule, PAGE)) {
          // next page
        }
      }
      if (System.nanoTime() - loggedAt > LOG_EVERY_NANOS) {
        loggedAt = System.nanoTime();
        logProgress();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "partition move step failed; it resumes on the next tick", e);
    } finally {
      running.set(false);
    }
  }

  private void logProgress() {
    for (PropagationRule r : moves.moveRules()) {
      PartitionMoves.Progress p = moves.progress(r);
      boolean complete = p.left() == 0 && !p.counting();
      String line = "partition move " + r.name() + " to " + r.target().name() + ": " + p.moved() + " of "
          + (p.counting() ? "at least " : "") + p.total() + " objects moved"
          + String.format(" (%.1f/s", p.perSecond())
          + (p.estimatedLeft() == null ? ")" : ", about " + p.estimatedLeft().toSeconds() + " s left)")
          + (complete ? "; complete" : "");
      // A finished move is logged once, not every ten seconds for ever.
      if (complete && !completeLogged.add(r.name())) {
        continue;
      }
      if (!complete) {
        completeLogged.remove(r.name());
      }
      LOG.info(line);
    }
  }
}
