package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.payload.GetAttributeListResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Get Attribute List (KMIP 1.4 §4.13, 2.1 §6.1.26): the names of the object's attributes.
 * Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied.
 */
@Stateless
@Local(OperationHandler.class)
public class GetAttributeListHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.GET_ATTRIBUTE_LIST;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ManagedObject o = ObjectAccess.require(repository, UniqueIdentifierRequest.decode(requestPayload).uniqueIdentifier(), ctx);
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new GetAttributeListResponse(o.uniqueIdentifier(), o.attributeNamesIn(ctx.version())).encode(ctx.version());
  }
}
