package io.keyfed.infrastructure.jms;

import io.keyfed.application.AuditTrail;
import io.keyfed.domain.audit.AuditEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audit events to the log (synchronously, one line each) and to the audit queue, whose
 * message-driven bean stores them. The KMIP request never waits for the broker: events go to a
 * bounded in-memory queue that one sender thread drains in batches, each batch one transaction
 * ({@link AuditBatchSender}) — one commit per batch instead of a synchronous send per event.
 * Should the queue be full (broker down for long), further events are counted and reported, and
 * the log still has every one of them.
 *
 * <p>Events travel as MapMessages, not ObjectMessages (which brokers rightly refuse to
 * deserialise by default).
 */
@ApplicationScoped
public class JmsAuditTrail implements AuditTrail {

  private static final Logger LOG = Logger.getLogger("io.keyfed.audit");
  private static final Logger SELF = Logger.getLogger(JmsAuditTrail.class.getName());
  private static final int CAPACITY = 100_000;
  private static final int BATCH = 500;

  @Resource
  ManagedThreadFactory threads;

  @Inject
  AuditBatchSender batches;

  private final BlockingQueue<AuditEvent> pending = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running;
  private Thread sender;

  @PostConstruct
  void start() {
    running = true;
    sender = threads.newThread(this::drain);
    sender.setName("keyfed-audit-sender");
    sender.start();
  }

  @Override
  public void record(AuditEvent e) {
    if (LOG.isLoggable(Level.INFO)) {
      LOG.info(String.format("audit actor=%s channel=%s action=%s object=%s result=%s%s",
          e.actor(), e.channel(), e.action(), e.uniqueIdentifier(), e.result(), e.reason() == null ? "" : " reason=" + e.reason()));
    }
    if (!pending.offer(e) && dropped.incrementAndGet() % 1000 == 1) {
      SELF.warning("audit queue full: " + dropped.get() + " events kept in the log only");
    }
  }

  private void drain() {
    List<AuditEvent> batch = new ArrayList<>(BATCH);
    while (running || !pending.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          AuditEvent first = pending.poll(500, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          pending.drainTo(batch, BATCH - 1);
        }
        batches.send(batch);
        batch.clear();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception ex) {
        // Broker unreachable or the connection broke: the batch is retried on a new connection.
        SELF.log(Level.WARNING, "audit events not queued yet (" + batch.size() + " waiting), retrying: " + ex);
        try {
          Thread.sleep(2000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    if (sender != null) {
      try {
        sender.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
