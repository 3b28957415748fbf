package io.keyfed.application.operation;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * The leases this server grants (KMIP 1.4 §3.20 Lease Time, §4.14 Obtain Lease): the object's
 * Lease Time attribute when it has one, otherwise one hour (what the 1.0–1.2 test case TC-95
 * shows a server granting).
 */
final class Leases {

  static final long DEFAULT_LEASE_SECONDS = ManagedObject.DEFAULT_LEASE_SECONDS;

  private Leases() {}

  static long leaseFor(ManagedObject o) {
    Ttlv lease = o.attribute(Tag.LEASE_TIME);
    return lease == null ? DEFAULT_LEASE_SECONDS : lease.asLong();
  }
}
