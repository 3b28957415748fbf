package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.payload.AdjustAttributeRequest;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Adjust Attribute (KMIP 2.1 §6.1.3, since 2.0): Increment, Decrement or Negate a single-valued
 * number, interval, date or Boolean. Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied (another
 * owner's object), Multi Valued Attribute, Read Only Attribute, Invalid Data Type, Numeric Range,
 * Attribute Not Found (an absent date), Wrong Key Lifecycle State.
 */
@Stateless
@Local(OperationHandler.class)
public class AdjustAttributeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.ADJUST_ATTRIBUTE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    AdjustAttributeRequest req = AdjustAttributeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    o.adjustAttribute(req.attributeName(), req.adjustmentType(), req.adjustmentValue(), ctx.version(), ctx.now());
    return new AttributeChangeResponse(o.uniqueIdentifier(), null).encode(ctx.version());
  }
}
