package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.ObjectNames;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.payload.SetAttributeRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Set Attribute (KMIP 2.1 §6.1.51, since 2.0): adds the attribute, or replaces its only value.
 * Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied (another owner's object), Multi Valued
 * Attribute (several values), Read Only Attribute, Invalid Attribute (not for this object type),
 * Non Unique Name Attribute, Wrong Key Lifecycle State.
 */
@Stateless
@Local(OperationHandler.class)
public class SetAttributeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.SET_ATTRIBUTE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    SetAttributeRequest req = SetAttributeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    ObjectNames.requireUnique(repository, o.owner(), o.uniqueIdentifier(), List.of(req.attribute()), Action.SET, ctx.version());
    o.setAttribute(req.attribute(), ctx.version(), ctx.now());
    return new AttributeChangeResponse(o.uniqueIdentifier(), null).encode(ctx.version());
  }
}
