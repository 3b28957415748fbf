package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Locate (KMIP 1.4 §4.9, 2.1 §6.1.31): the caller's objects that have every attribute given, in
 * creation order, paged by Offset Items and Maximum Items, with Located Items the total. The ID
 * Placeholder becomes the first identifier returned. Result Reasons: Invalid Field (negative
 * paging values).
 */
@Stateless
@Local(OperationHandler.class)
public class LocateHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.LOCATE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    LocateRequest req = LocateRequest.decode(requestPayload);
    if ((req.maximumItems() != null && req.maximumItems() < 0) || (req.offsetItems() != null && req.offsetItems() < 0)) {
      throw KmipException.invalidField("Maximum Items and Offset Items must not be negative");
    }
    LocatePage page = repository.locate(
        LocateCriteria.of(ctx.client().name(), req.attributes(), req.offsetItems(), req.maximumItems()));
    if (!page.uniqueIdentifiers().isEmpty()) {
      ctx.setIdPlaceholder(page.uniqueIdentifiers().get(0));
    }
    return new LocateResponse(page.locatedItems(), page.uniqueIdentifiers()).encode(ctx.version());
  }
}
