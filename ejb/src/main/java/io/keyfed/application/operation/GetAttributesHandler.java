package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.annotation.PostConstruct;
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
 * lacks is simply absent. Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied, Invalid Message (a
 * name asked twice).
 */
@Stateless
@Local(OperationHandler.class)
public class GetAttributesHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  KeyfedConfig config;

  /**
   * {@code keyfed.kmip.compat.get-attributes-all-omit}: attributes left out when a client asks
   * for all. KMIP says all, and that is the default; but Debian's PyKMIP 0.10 fails a whole Get
   * Attributes on one attribute it cannot decode (Original Creation Date, Random Number Generator,
   * Extractable, ...: the attributes KMIP 1.2-2.0 added that a server sets itself), so a site
   * whose clients are PyKMIP lists them here. They are still returned when asked for by name.
   */
  Set<String> omitFromAll = Set.of();

  @PostConstruct
  void init() {
    omitFromAll = config.getAttributesAllOmits();
  }

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
      if (!omitFromAll.isEmpty()) {
        out = new ArrayList<>(visible);
        out.removeIf(i -> omitFromAll.contains(i.name()));
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
