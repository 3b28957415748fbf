package io.keyfed.application.federation;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The replica side of replica permissions (DESIGN.md §3): every few seconds, leases that have run
 * half their length are renewed with the master (Obtain Lease), and allocations half used up are
 * refilled (Get Usage Allocation). When the master cannot be reached nothing changes here: the
 * replica keeps serving until its lease ends or its uses run out, then refuses.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LeaseKeeper {

  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

  @Inject
  ReplicaLeases leases;

  @Inject
  PeerClient peers;

  /** Replicas looked at per tick: bounds a tick's work however many replicas there are. */
  static final int PER_TICK = 500;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(hour = "*", minute = "*", second = "*/3", persistent = false)
  void keep() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = Instant.now();
      java.util.Set<String> unreachable = new java.util.HashSet<>();
      for (ReplicaLeases.Due d : leases.due(now, PER_TICK)) {
        if (unreachable.contains(d.master().name())) {
          continue; // one failure per master and tick: the rest waits for the next tick
        }
        try {
          if (d.renewLease()) {
            Ttlv r = peers.call(d.master(), Operation.OBTAIN_LEASE,
                Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, d.uniqueIdentifier())));
            Ttlv leaseTime = r == null ? null : r.child(Tag.LEASE_TIME);
            leases.leaseRenewed(d.uniqueIdentifier(), now, leaseTime == null ? 0 : leaseTime.asLong());
          }
          if (d.refill() > 0) {
            peers.call(d.master(), Operation.GET_USAGE_ALLOCATION, Ttlv.structure(Tag.REQUEST_PAYLOAD,
                Ttlv.text(Tag.UNIQUE_IDENTIFIER, d.uniqueIdentifier()), Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, d.refill())));
            leases.allocated(d.uniqueIdentifier(), d.refill());
          }
        } catch (IOException e) {
          unreachable.add(d.master().name());
          LOG.log(Level.FINE, "master " + d.master().name() + " unreachable, lease of " + d.uniqueIdentifier() + " not renewed: " + e.getMessage());
        } catch (KmipException e) {
          LOG.log(Level.FINE, "master " + d.master().name() + " did not renew " + d.uniqueIdentifier() + ": " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "lease keeping failed", e);
    } finally {
      running.set(false);
    }
  }
}
