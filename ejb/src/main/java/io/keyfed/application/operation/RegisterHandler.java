package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Register (KMIP 1.4 §4.3, 2.1 §6.1.43): stores an object the client supplies. Result Reasons:
 * Invalid Message (no object), Invalid Field (a malformed Key Block), Feature Not Supported
 * (templates and object types not yet stored), and for the client's attributes (attribute rules,
 * 2.x / 1.x): Attribute Read Only / Invalid Field, Invalid Attribute / Invalid Field, Attribute
 * Single Valued / Invalid Field, Non Unique Name Attribute / Invalid Field.
 */
@Stateless
@Local(OperationHandler.class)
public class RegisterHandler implements OperationHandler {

  /** The object types a client may register. */
  static final Set<ObjectType> REGISTRABLE = Set.of(
      ObjectType.SYMMETRIC_KEY, ObjectType.SECRET_DATA, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
      ObjectType.CERTIFICATE, ObjectType.OPAQUE_OBJECT, ObjectType.SPLIT_KEY);

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Override
  public Operation operation() {
    return Operation.REGISTER;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    RegisterRequest req = RegisterRequest.decode(requestPayload);
    if (!REGISTRABLE.contains(req.objectType())) {
      throw KmipException.featureNotSupported("Register of " + req.objectType().specName() + " objects is not supported");
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes(), req.objectType(), repository, ctx);
    Ttlv object = NewObjects.normaliseRegistered(req.object(), attributes);
    if (req.objectType() != ObjectType.OPAQUE_OBJECT && req.objectType() != ObjectType.CERTIFICATE
        && object.child(Tag.KEY_BLOCK) == null) {
      throw KmipException.invalidMessage(req.objectType().specName() + " needs a Key Block");
    }
    String uid = NewObjects.newUniqueIdentifier();
    ManagedObject o = ManagedObject.create(uid, req.objectType(), ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    ctx.setIdPlaceholder(uid);
    return new RegisterResponse(uid).encode();
  }
}
