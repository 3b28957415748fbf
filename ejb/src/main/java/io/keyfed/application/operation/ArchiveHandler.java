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
 * Archive (KMIP 1.4 §4.22, 2.1 §6.1.4): moves the object to archival storage and sets its Archive
 * Date. An archived object keeps its content and attributes; Locate finds it only with the
 * Archival Storage bit of the Storage Status Mask, and every operation but Get Attributes, Get
 * Attribute List, Locate, Destroy and Recover answers Object Archived until it is recovered.
 * Keyfed archives at once (the 1.0–1.2 test case TC-101 shows a server that answers Operation
 * Pending; the specification allows either).
 *
 * <p>Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied, Object Archived (already archived).
 */
@Stateless
@Local(OperationHandler.class)
public class ArchiveHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.ARCHIVE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    UniqueIdentifierRequest req = UniqueIdentifierRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    o.archive(ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new UniqueIdentifierResponse(o.uniqueIdentifier()).encode();
  }
}
