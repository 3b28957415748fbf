package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.GetUsageAllocationRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Get Usage Allocation (KMIP 1.4 §4.15, 2.1 §6.1.25): takes Usage Limits Count units from the
 * object's Usage Limits for the client to protect with; the server counts them as consumed. Only
 * keys that can apply protection (Symmetric, Public, Private Key, Secret Data), with Usage Limits,
 * Active and before their Protect Stop Date.
 *
 * <p>Result Reasons: Usage Limit Exceeded when fewer units remain (Permission Denied for 1.x, as
 * the 1.0–1.2 test case TC-51 expects), Illegal Operation (no Usage Limits, another object type),
 * Wrong Key Lifecycle State (Permission Denied for 1.x), Missing Data / Invalid Field (no or a
 * non-positive count), Object Not Found (Item Not Found in 1.x), Permission Denied, Object Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class GetUsageAllocationHandler implements OperationHandler {

  private static final Set<ObjectType> PROTECTING = EnumSet.of(ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY,
      ObjectType.PRIVATE_KEY, ObjectType.SECRET_DATA);

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.GET_USAGE_ALLOCATION;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    GetUsageAllocationRequest req = GetUsageAllocationRequest.decode(requestPayload);
    if (req.usageLimitsCount() == null) {
      throw KmipException.missingData("Get Usage Allocation needs the Usage Limits Count wanted");
    }
    if (req.usageLimitsCount() <= 0) {
      throw KmipException.invalidField("the Usage Limits Count wanted must be positive");
    }
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    if (!PROTECTING.contains(o.objectType())) {
      throw KmipException.illegalOperation("a " + o.objectType().specName() + " does not apply cryptographic protection");
    }
    ObjectContent.requireUse(o, null, true, ctx.now());
    o.allocateUsage(req.usageLimitsCount(), ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new UniqueIdentifierResponse(o.uniqueIdentifier()).encode();
  }
}
