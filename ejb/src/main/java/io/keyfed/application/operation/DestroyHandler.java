package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Destroy (KMIP 1.4 §4.21, 2.1 §6.1.16): erases the key material, keeps the metadata; an Active
 * object must be revoked first. Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied, Wrong Key
 * Lifecycle State (Permission Denied in 1.x).
 */
@Stateless
@Local(OperationHandler.class)
public class DestroyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.DESTROY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ManagedObject o = ObjectAccess.require(repository, UniqueIdentifierRequest.decode(requestPayload).uniqueIdentifier(), ctx);
    o.destroy(ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new UniqueIdentifierResponse(o.uniqueIdentifier()).encode();
  }
}
