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
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.payload.ReKeyKeyPairRequest;
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
 * Re-key Key Pair (KMIP 1.4 §4.5, 2.1 §6.1 Re-key Key Pair): a replacement pair for an existing
 * Private Key and the Public Key its Public Key Link names, generated as Create Key Pair does with
 * the existing keys' attributes ({@link Replacement}) under the request's Common and Private/Public
 * ones. Each existing key gets a Replacement Object Link to its replacement and loses its Names;
 * each replacement a Replaced Object Link to the key it replaces. The ID Placeholder becomes the
 * new Private Key's Unique Identifier. Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied, Invalid
 * Object Type (not a Private Key; Invalid Field in 1.x), Invalid Field (a private key without a
 * Public Key Link), and those of Create Key Pair.
 */
@Stateless
@Local(OperationHandler.class)
public class ReKeyKeyPairHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.RE_KEY_KEY_PAIR;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ReKeyKeyPairRequest req = ReKeyKeyPairRequest.decode(requestPayload);
    ManagedObject oldPrivate = ObjectAccess.require(repository, req.privateKeyUniqueIdentifier(), ctx);
    if (oldPrivate.objectType() != ObjectType.PRIVATE_KEY) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE,
          "Re-key Key Pair replaces a Private Key and its Public Key, not a " + oldPrivate.objectType().specName());
    }
    String oldPublicUid = KeyPairs.linked(oldPrivate, LinkType.PUBLIC_KEY_LINK);
    if (oldPublicUid == null) {
      throw KmipException.invalidField("the Private Key has no Public Key Link naming the Public Key to replace with it");
    }
    ManagedObject oldPublic = ObjectAccess.require(repository, oldPublicUid, ctx);

    List<Attribute> common = NewObjects.clientAttributes(req.commonAttributes());
    List<Attribute> privateAttributes = attributes(oldPrivate, req.offset(), common, req.privateKeyAttributes(), ctx);
    List<Attribute> publicAttributes = attributes(oldPublic, req.offset(), common, req.publicKeyAttributes(), ctx);
    KeyPairs.Stored pair = KeyPairs.generateAndStore(engine, repository, sealer, privateAttributes, publicAttributes,
        new KeyPairs.Stored(oldPrivate, oldPublic), ctx);

    oldPrivate.addLink(LinkType.REPLACEMENT_OBJECT_LINK, pair.privateKey().uniqueIdentifier(), ctx.now());
    oldPublic.addLink(LinkType.REPLACEMENT_OBJECT_LINK, pair.publicKey().uniqueIdentifier(), ctx.now());
    oldPrivate.removeAll(Tag.NAME, ctx.now());
    oldPublic.removeAll(Tag.NAME, ctx.now());
    ctx.setIdPlaceholder(pair.privateKey().uniqueIdentifier());
    return new CreateKeyPairResponse(pair.privateKey().uniqueIdentifier(), pair.publicKey().uniqueIdentifier()).encode();
  }

  private static List<Attribute> attributes(ManagedObject existing, Long offset, List<Attribute> common,
      List<Attribute> own, RequestContext ctx) {
    return TemplateAttributes.overlay(TemplateAttributes.overlay(Replacement.attributes(existing, offset, ctx.now()), common),
        NewObjects.clientAttributes(own));
  }
}
