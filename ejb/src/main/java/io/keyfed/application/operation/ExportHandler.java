package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.Role;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.payload.ExportResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Export (KMIP 1.4 §4.32, 2.1 §6.1.20): the object with every attribute, server-managed ones
 * included, in the form Import takes back. The request has Get's fields (Key Format Type, Key
 * Wrap Type, Key Compression Type, Key Wrapping Specification) and they mean what they mean for
 * Get. Export needs the security-officer role, as the specification recommends, and reaches the
 * objects Get would (the caller's own, or granted Export). Result Reasons: Permission Denied
 * without the role, and those of Get.
 */
@Stateless
@Local(OperationHandler.class)
public class ExportHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.EXPORT;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ObjectAccess.requireRole(ctx, Role.SECURITY_OFFICER, "Export");
    GetRequest req = GetRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    Ttlv object = GetHandler.retrieve(new ObjectContent(repository, sealer, engine), o, req, ctx);
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new ExportResponse(o.objectType(), o.uniqueIdentifier(), o.attributes(), object).encode(ctx.version());
  }
}
