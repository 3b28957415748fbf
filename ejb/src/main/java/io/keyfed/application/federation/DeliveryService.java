package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.message.KmipException;
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
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox, peer by peer, in order: a JMS signal after each committed change starts a
 * drain of that peer at once, and a sweep every two seconds drains whatever is due (after a
 * crash, a broker outage or a back-off). One drain per peer at a time. A delivery the peer
 * refused or could not receive stops that peer's drain (so nothing overtakes it) and is retried
 * with back-off; a delivery made twice (the process died between sending and recording) is
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
        List<OutboxStore.Outgoing> batch = store.due(targetId, BATCH, Instant.now());
        if (batch.isEmpty()) {
          return;
        }
        for (OutboxStore.Outgoing m : batch) {
          if (m.operation() == null) {
            store.delivered(m.entryId(), targetId, Instant.now());
            continue;
          }
          try {
            peers.call(target, m.operation(), m.payload());
            store.delivered(m.entryId(), targetId, Instant.now());
          } catch (IOException | KmipException e) {
            String why = m.operation().specName() + " of " + m.uniqueIdentifier() + " to " + target.name() + ": " + e.getMessage();
            LOG.log(Level.FINE, why, e);
            store.failed(m.entryId(), targetId, why, Instant.now());
            return;
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivery to server " + targetId + " stopped; it resumes on the next sweep", e);
    } finally {
      lock.unlock();
    }
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
