package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.payload.DeleteAttributeRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Delete Attribute (KMIP 1.4 §4.16, 2.1 §6.1.13): one instance by Attribute Index (1.x, 0 by
 * default; KMIP 1.0 needs the index when there are several), by Current Attribute (2.x), or every
 * instance of an Attribute Reference (2.x); the other instances keep their indices. The 1.x
 * response returns the deleted instance. Result Reasons (2.x / 1.x): Object Not Found / Item Not Found, Permission
 * Denied (another owner's object); Attribute Read Only / Permission Denied (not deletable, or
 * SHALL always have a value); Attribute Not Found / Item Not Found; Attribute Instance Not Found /
 * Item Not Found; Invalid Field (1.0 without index).
 */
@Stateless
@Local(OperationHandler.class)
public class DeleteAttributeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.DELETE_ATTRIBUTE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    DeleteAttributeRequest req = DeleteAttributeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    AttributeInstance deleted = req.v2()
        ? o.deleteAttribute(req.attributeName(), req.currentAttribute(), ctx.version(), ctx.now()).get(0)
        : o.deleteAttribute(req.attributeName(), req.attributeIndex(), ctx.version(), ctx.now());
    return new AttributeChangeResponse(o.uniqueIdentifier(), deleted).encode(ctx.version());
  }
}
