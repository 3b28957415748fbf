package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CheckPayload;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Check (KMIP 1.4 §4.10, 2.1 §6.1.7): whether the object could be used as the request describes,
 * without using it or changing anything. Each field given is checked: Usage Limits Count (at least
 * that many units remain; an object without Usage Limits has no limit), Cryptographic Usage Mask
 * (every bit asked is in the object's mask; an object without a mask is not restricted), Lease
 * Time (the lease this server would grant is at least that long). A check that passes returns
 * the Unique Identifier alone.
 *
 * <p>Result Reasons of a failed check, as the OASIS case BL-M-2-21 expects: Incompatible
 * Cryptographic Usage Mask, Usage Limit Exceeded, Permission Denied (the lease); the 2.x reasons
 * reach 1.x clients as Permission Denied. Also Object Not Found (Item Not Found in 1.x), Permission Denied, Object
 * Archived.
 */
@Stateless
@Local(OperationHandler.class)
public class CheckHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.CHECK;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CheckPayload req = CheckPayload.decode(requestPayload);
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    if (req.usageLimitsCount() != null) {
      Ttlv limits = o.attribute(Tag.USAGE_LIMITS);
      if (limits != null && limits.isStructure()) {
        Ttlv count = limits.child(Tag.USAGE_LIMITS_COUNT);
        Ttlv total = limits.child(Tag.USAGE_LIMITS_TOTAL);
        long remaining = count != null ? count.asLong() : total != null ? total.asLong() : Long.MAX_VALUE;
        if (req.usageLimitsCount() > remaining) {
          throw new KmipException(ResultReason.USAGE_LIMIT_EXCEEDED,
              "Check failed: " + remaining + " units remain, not " + req.usageLimitsCount());
        }
      }
    }
    if (req.cryptographicUsageMask() != null) {
      int mask = ObjectContent.usageMask(o);
      int wanted = req.cryptographicUsageMask();
      if (mask != -1 && (mask & wanted) != wanted) {
        throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
            "Check failed: the object's Cryptographic Usage Mask does not allow every use asked for");
      }
    }
    if (req.leaseTime() != null && req.leaseTime() > Leases.leaseFor(o)) {
      throw KmipException.permissionDenied("Check failed: this server grants a lease of at most "
          + Leases.leaseFor(o) + " seconds on this object");
    }
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new CheckPayload(o.uniqueIdentifier(), null, null, null).encodeResponse();
  }
}
