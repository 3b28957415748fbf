package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Get Attributes (KMIP 1.4 §4.12, 2.1 §6.1.25): the named attributes in the order asked, every
 * value of each; no names means all attributes. A name the object lacks is simply absent. Result
 * Reasons: Item Not Found, Permission Denied.
 */
@Stateless
@Local(OperationHandler.class)
public class GetAttributesHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.GET_ATTRIBUTES;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    GetAttributesRequest req = GetAttributesRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    List<Attribute> out;
    if (req.attributeNames().isEmpty()) {
      out = o.attributes();
    } else {
      out = new ArrayList<>();
      for (String name : req.attributeNames()) {
        out.addAll(o.attributes(name));
      }
    }
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new GetAttributesResponse(o.uniqueIdentifier(), out).encode(ctx.version());
  }
}
