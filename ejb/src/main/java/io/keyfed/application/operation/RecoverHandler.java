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
 * Recover (KMIP 1.4 §4.23, 2.1 §6.1.40): brings an archived object back to on-line storage. An
 * object that is on-line already is left as it is (success, no change).
 *
 * <p>Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied.
 */
@Stateless
@Local(OperationHandler.class)
public class RecoverHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.RECOVER;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    UniqueIdentifierRequest req = UniqueIdentifierRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    if (o.isArchived()) {
      o.recover(ctx.now());
    }
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new UniqueIdentifierResponse(o.uniqueIdentifier()).encode();
  }
}
