package io.keyfed.application.federation;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;
import java.time.Instant;

/**
 * The limits a replica's master set (DESIGN.md §3 "Replica permissions"), checked on each use: a
 * lease must not have expired (the master renews it while it can be reached; cut off, the replica
 * serves until the lease ends and then refuses), and a usage allocation must have uses left (each
 * use counts one down; the master grants more while it can be reached).
 */
public final class Replicas {

  private Replicas() {}

  static void checkAndCountUse(ManagedObject o, Instant now) {
    Long leaseSeconds = Markers.longOf(o, Markers.LEASE_SECONDS);
    if (leaseSeconds != null) {
      Instant expiry = Markers.dateOf(o, Markers.LEASE_EXPIRY);
      if (expiry == null || now.isAfter(expiry)) {
        throw new KmipException(ResultReason.PERMISSION_DENIED, "the lease on replica " + o.uniqueIdentifier()
            + " expired" + (expiry == null ? "" : " at " + expiry) + " and its master " + Markers.masterOf(o) + " has not renewed it");
      }
    }
    Long allocation = Markers.longOf(o, Markers.ALLOCATION);
    if (allocation != null) {
      Long left = Markers.longOf(o, Markers.USES_LEFT);
      if (left == null || left <= 0) {
        throw new KmipException(ResultReason.USAGE_LIMIT_EXCEEDED, "the usage allocation of replica " + o.uniqueIdentifier()
            + " is used up and its master " + Markers.masterOf(o) + " has not granted more");
      }
      o.setServerAttribute(Markers.longValue(Markers.USES_LEFT, left - 1));
    }
  }

  /** Whether a leased replica's lease ends within half its length (time to renew). */
  public static boolean leaseDueForRenewal(ManagedObject o, Instant now) {
    Long seconds = Markers.longOf(o, Markers.LEASE_SECONDS);
    if (seconds == null) {
      return false;
    }
    Instant expiry = Markers.dateOf(o, Markers.LEASE_EXPIRY);
    return expiry == null || expiry.minusSeconds(seconds / 2).isBefore(now);
  }

  /** Whether an allocated replica has used half or more of its allocation (time to ask for more). */
  public static boolean allocationDueForRefill(ManagedObject o) {
    Long allocation = Markers.longOf(o, Markers.ALLOCATION);
    if (allocation == null) {
      return false;
    }
    Long left = Markers.longOf(o, Markers.USES_LEFT);
    return left == null || left <= allocation / 2;
  }
}
