package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.Replacement;
import io.keyfed.domain.object.TemplateAttributes;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.ReKeyRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Re-key (KMIP 1.4 §4.4, 2.1 §6.1 Re-key): a replacement for an existing Symmetric Key, of the same
 * algorithm and length, with the existing key's attributes ({@link Replacement}: dates moved by the
 * Offset, Usage Limits restored, Names taken over) and the request's on top. The existing key gets
 * a Replacement Object Link and loses its Names; the replacement a Replaced Object Link. The ID
 * Placeholder becomes the replacement's Unique Identifier. Result Reasons: Object Not Found (Item Not Found in 1.x),
 * Permission Denied, Invalid Object Type (not a Symmetric Key; Invalid Field in 1.x), Missing Data
 * (the existing key has no algorithm or length), Invalid Field, Feature Not Supported.
 */
@Stateless
@Local(OperationHandler.class)
public class ReKeyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.RE_KEY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ReKeyRequest req = ReKeyRequest.decode(requestPayload);
    ManagedObject existing = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    if (existing.objectType() != ObjectType.SYMMETRIC_KEY) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE,
          "Re-key replaces Symmetric Keys; use Re-key Key Pair for a " + existing.objectType().specName());
    }
    List<Attribute> attributes = TemplateAttributes.overlay(Replacement.attributes(existing, req.offset(), ctx.now()),
        NewObjects.clientAttributes(req.attributes()));
    Ttlv alg = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    Ttlv len = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_LENGTH);
    if (alg == null || len == null) {
      throw KmipException.missingData("the key to re-key has no Cryptographic Algorithm or Cryptographic Length");
    }
    Ttlv generated = engine.keyGeneration().symmetricKey(Fields.enumeration(alg, CryptographicAlgorithm::fromValue),
        Fields.integer(len));
    attributes.add(KeyPairs.link(LinkType.REPLACED_OBJECT_LINK, existing.uniqueIdentifier()));
    Ttlv object = NewObjects.normaliseRegistered(generated, attributes);
    String uid = NewObjects.newUniqueIdentifier();
    ManagedObject replacement = ManagedObject.create(uid, ObjectType.SYMMETRIC_KEY, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(replacement);
    existing.addLink(LinkType.REPLACEMENT_OBJECT_LINK, uid, ctx.now());
    existing.removeAll(Tag.NAME, ctx.now());
    ctx.setIdPlaceholder(uid);
    return new UniqueIdentifierResponse(uid).encode();
  }
}
