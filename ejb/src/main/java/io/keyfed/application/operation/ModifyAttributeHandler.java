package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.ObjectNames;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.payload.ModifyAttributeRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Modify Attribute (KMIP 1.4 §4.15, 2.1 §6.1.34): a new value for one existing instance, chosen by
 * Attribute Index (1.x, 0 by default) or by Current Attribute (2.x, or the only instance); the 1.x
 * response returns the new value with its index. Result Reasons (2.x / 1.x): Object Not Found / Item Not Found,
 * Permission Denied (another owner's object); Attribute Read Only / Permission Denied; Attribute
 * Not Found / Invalid Field (add it first); Attribute Instance Not Found / Item Not Found; Non
 * Unique Name Attribute / Illegal Operation; Wrong Key Lifecycle State / Permission Denied
 * (Activation Date after Pre-Active: the OASIS cases SKLC-M-3 and AKLC-M-3 of every version).
 */
@Stateless
@Local(OperationHandler.class)
public class ModifyAttributeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.MODIFY_ATTRIBUTE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ModifyAttributeRequest req = ModifyAttributeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    ObjectNames.requireUnique(repository, o.owner(), o.uniqueIdentifier(), List.of(req.attribute()), Action.MODIFY, ctx.version());
    AttributeInstance modified = req.v2()
        ? o.modifyAttribute(req.currentAttribute(), req.attribute(), ctx.version(), ctx.now())
        : o.modifyAttribute(req.attribute().name(), req.attributeIndex(), req.attribute().value(), ctx.version(), ctx.now());
    return new AttributeChangeResponse(o.uniqueIdentifier(), modified).encode(ctx.version());
  }
}
