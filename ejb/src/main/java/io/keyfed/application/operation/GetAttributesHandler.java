package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Get Attributes (KMIP 1.4 §4.12, 2.1 §6.1.25): the named attributes in the order asked, every
 * value of each with its Attribute Index (1.x); no names means all attributes. A name the object
 * lacks is simply absent. Result Reasons: Item Not Found, Permission Denied, Invalid Message (a
 * name asked twice).
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
    List<AttributeInstance> out;
    List<AttributeInstance> visible = o.instancesIn(ctx.version());
    if (req.attributeNames().isEmpty()) {
      out = visible;
      if (!ctx.version().atLeast(io.keyfed.kmip.spec.KmipVersion.V2_0)) {
        // Debian's PyKMIP 0.10, the most common 1.x client, cannot decode Original Creation Date
        // and fails a whole Get Attributes of all attributes on it; 1.x clients get it by name.
        out = new ArrayList<>(visible);
        out.removeIf(i -> i.name().equals(io.keyfed.kmip.spec.Tag.ORIGINAL_CREATION_DATE.specName()));
      }
    } else {
      out = new ArrayList<>();
      Set<String> asked = new HashSet<>();
      for (String name : req.attributeNames()) {
        if (!asked.add(name)) {
          // KMIP 1.4 §11.13; the KMIP 1.1 test case TC-171-11 expects exactly this.
          throw KmipException.invalidMessage("Attribute Name specified more than once: " + name);
        }
        for (AttributeInstance i : visible) {
          if (i.name().equals(name)) {
            out.add(i);
          }
        }
      }
    }
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new GetAttributesResponse(o.uniqueIdentifier(), out).encode(ctx.version());
  }
}
