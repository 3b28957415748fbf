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
 * Locate (KMIP 1.4 §4.9, 2.1 §6.1.28): the caller's objects that match every attribute given (no
 * attributes: all of them), among the storage the Storage Status Mask selects (on-line by
 * default), honouring Object Group Member, newest first, paged by Offset Items and Maximum Items,
 * with Located Items (the total) when Offset Items is given. Matching rules, wildcards and order:
 * {@link LocateCriteria}, {@link io.keyfed.domain.object.AttributeFilter}. A single identifier
 * returned becomes the ID Placeholder; otherwise the placeholder is emptied. Result Reasons:
 * Invalid Field (negative paging values, an unknown attribute, a date given three times).
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
    LocatePage page = repository.locate(LocateCriteria.of(ctx.client().name(), req.attributes(),
        req.storageStatusMask(), req.objectGroupMember(), req.offsetItems(), req.maximumItems()));
    // One object found: it becomes the ID Placeholder. Several or none "empty" it (KMIP 1.4 §4.9):
    // an empty identifier names no object, so the items batched after the Locate fail with Item Not
    // Found (as the KMIP 1.1 test case TC-152-11 expects) rather than act on an arbitrary object.
    ctx.setIdPlaceholder(page.uniqueIdentifiers().size() == 1 ? page.uniqueIdentifiers().get(0) : "");
    // Located Items only with Offset Items, as every OASIS test case of 1.3 to 2.1 has it.
    Integer located = req.offsetItems() != null ? page.locatedItems() : null;
    return new LocateResponse(located, page.uniqueIdentifiers()).encode(ctx.version());
  }
}
