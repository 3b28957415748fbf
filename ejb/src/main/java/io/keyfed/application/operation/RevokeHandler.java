package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Revoke (KMIP 1.4 §4.20, 2.1 §6.1.46): Deactivated, or Compromised for a compromise reason, with
 * the Revocation Reason recorded. Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied, Wrong Key
 * Lifecycle State (Permission Denied in 1.x).
 */
@Stateless
@Local(OperationHandler.class)
public class RevokeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.REVOKE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    RevokeRequest req = RevokeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    o.revoke(req.revocationReasonCode(), req.revocationMessage(), req.compromiseOccurrenceDate(), ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new UniqueIdentifierResponse(o.uniqueIdentifier()).encode();
  }
}
