package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.AttributeException;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.AttributeException.Problem;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.ObjectNames;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Add Attribute (KMIP 1.4 §4.14, 2.1 §6.1.2): a new attribute instance; the 1.x response returns
 * it with its new Attribute Index. Result Reasons (2.x / 1.x): Object Not Found / Item Not Found, Permission Denied
 * (another owner's object); Read Only Attribute / Permission Denied; Invalid Attribute / Permission
 * Denied (not for this object type); Attribute Single Valued / Illegal Operation (already has one);
 * Non Unique Name Attribute / Illegal Operation; Invalid Field (1.x request with an Attribute
 * Index); Wrong Key Lifecycle State / Permission Denied (Activation Date after Pre-Active); Server
 * Limit Exceeded / Index Out of Bounds.
 */
@Stateless
@Local(OperationHandler.class)
public class AddAttributeHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.ADD_ATTRIBUTE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    AddAttributeRequest req = AddAttributeRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    if (req.attributeIndex() != null) {
      throw new AttributeException(Problem.INDEX_GIVEN, Action.ADD, ctx.version(),
          "Add Attribute assigns the Attribute Index; the request must not give one");
    }
    ObjectNames.requireUnique(repository, o.owner(), o.uniqueIdentifier(), List.of(req.attribute()), Action.ADD, ctx.version());
    AttributeInstance added = o.addAttribute(req.attribute(), ctx.version(), ctx.now());
    return new AttributeChangeResponse(o.uniqueIdentifier(), added).encode(ctx.version());
  }
}
