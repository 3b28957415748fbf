package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.Role;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.ImportRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Import (KMIP 1.4 §4.31, 2.1 §6.1.26): stores an object under the Unique Identifier the request
 * gives, with the attributes it gives, server-managed ones (State, dates, Digest) included, as
 * Export produced them. An existing object of that identifier is replaced only with Replace
 * Existing True, and only when it is the client's. With Key Wrap Type Not Wrapped a wrapped Key
 * Block is unwrapped before it is stored; otherwise it is stored as given. The object is checked
 * as Register checks it. Import needs the security-officer role, as the specification recommends;
 * the objects imported become the caller's own.
 *
 * <p>Result Reasons: Object Already Exists, Permission Denied (no security-officer role, another
 * owner's object), Invalid
 * Field (identifier or Object Type attributes that contradict the request, an identifier longer
 * than 64 characters), and those of Register.
 */
@Stateless
@Local(OperationHandler.class)
public class ImportHandler implements OperationHandler {

  /** The longest Unique Identifier the object table holds. */
  static final int MAX_UNIQUE_IDENTIFIER = 64;

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.IMPORT;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ObjectAccess.requireRole(ctx, Role.SECURITY_OFFICER, "Import");
    ImportRequest req = ImportRequest.decode(requestPayload);
    String uid = req.uniqueIdentifier();
    ObjectType type = req.objectType();
    if (uid.isEmpty() || uid.length() > MAX_UNIQUE_IDENTIFIER) {
      throw KmipException.invalidField("a Unique Identifier of 1 to " + MAX_UNIQUE_IDENTIFIER + " characters is needed");
    }
    if (!RegisterHandler.REGISTRABLE.contains(type)) {
      throw KmipException.featureNotSupported("Import of " + type.specName() + " objects is not supported");
    }
    RegisterHandler.requireDefinedIn(type, ctx.version());
    ManagedObject existing = repository.find(uid);
    if (existing != null) {
      if (existing.owner() != null && !existing.owner().equals(ctx.client().name())) {
        throw KmipException.permissionDenied("object " + uid + " belongs to another client");
      }
      if (!Boolean.TRUE.equals(req.replaceExisting())) {
        throw new KmipException(ResultReason.OBJECT_ALREADY_EXISTS, "object " + uid + " exists; Replace Existing is not True");
      }
      if (existing.objectType() != type) {
        throw KmipException.invalidField("object " + uid + " is a " + existing.objectType().specName() + ", not a "
            + type.specName());
      }
    }
    List<Attribute> attributes = new ArrayList<>();
    for (Attribute a : req.attributes()) {
      if (a.is(Tag.UNIQUE_IDENTIFIER) && !uid.equals(a.value().asText())) {
        throw KmipException.invalidField("the Unique Identifier attribute is not the request's");
      }
      if (a.is(Tag.OBJECT_TYPE) && a.value().asInt() != type.value()) {
        throw KmipException.invalidField("the Object Type attribute is not the request's");
      }
      attributes.add(a);
    }
    Ttlv object = req.object();
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    if (req.keyWrapType() == KeyWrapType.NOT_WRAPPED && ObjectContent.hasKeyBlock(object)) {
      object = content.unwrapped(object, ctx);
    }
    object = RegisterHandler.checked(type, object, attributes);
    ManagedObject imported = ManagedObject.imported(uid, type, ctx.client().name(), attributes,
        content.seal(uid, object), ctx.now());
    if (existing == null) {
      repository.add(imported);
    } else {
      existing.replaceWith(imported);
    }
    ctx.setIdPlaceholder(uid);
    return new UniqueIdentifierResponse(uid).encode();
  }
}
