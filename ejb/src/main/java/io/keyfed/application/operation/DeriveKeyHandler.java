package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.DeriveKeyRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Derive Key (KMIP 1.4 §4.6, 2.1 §6.1.15): a new Symmetric Key or Secret Data derived by the
 * engine (PBKDF2, HASH, HMAC, ENCRYPT, SP 800-108, HKDF, Asymmetric Key agreement, AWS SigV4)
 * from the objects the request names (none: the ID Placeholder). The first object is the
 * derivation key: the client's, on-line, Active, with Derive Key in its usage mask when it has
 * one; keys registered wrapped are unwrapped for the derivation. The new object has the
 * request's attributes and Cryptographic Length, a Derivation Base Object Link to the derivation
 * key, which gets a Derived Key Link back.
 *
 * <p>Result Reasons: Invalid Field (another Object Type, parameters the method cannot use, a
 * length the method cannot give), Missing Data (no Cryptographic Length), Object Not Found (Item Not Found in 1.x),
 * Permission Denied, Object Archived, Object Destroyed, Wrong Key Lifecycle State and
 * Incompatible Cryptographic Usage Mask (Permission Denied for 1.x), Cryptographic Failure.
 */
@Stateless
@Local(OperationHandler.class)
public class DeriveKeyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.DERIVE_KEY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    DeriveKeyRequest req = DeriveKeyRequest.decode(requestPayload);
    if (req.objectType() != ObjectType.SYMMETRIC_KEY && req.objectType() != ObjectType.SECRET_DATA) {
      throw KmipException.invalidField("Derive Key makes a Symmetric Key or Secret Data, not a " + req.objectType().specName());
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes());
    Ttlv length = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_LENGTH);
    if (length == null) {
      throw KmipException.missingData("Derive Key needs the Cryptographic Length of the new object");
    }
    Ttlv algorithm = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    List<String> uids = req.uniqueIdentifiers().isEmpty() ? List.of(ctx.resolve(null)) : req.uniqueIdentifiers();

    ObjectContent content = new ObjectContent(repository, sealer, engine);
    List<Ttlv> inputs = new ArrayList<>(uids.size());
    ManagedObject base = null;
    for (String uid : uids) {
      ManagedObject o = ObjectAccess.requireOnline(repository, uid, ctx);
      if (base == null) {
        base = o;
        ObjectContent.requireUse(o, CryptographicUsageMask.DERIVE_KEY, true, ctx.now());
      }
      inputs.add(content.plaintext(o, ctx));
    }
    byte[] derived = engine.keyDerivation().derive(req.derivationMethod(), inputs, req.derivationParameters(),
        length.asInt());

    Ttlv object;
    if (req.objectType() == ObjectType.SYMMETRIC_KEY) {
      object = KeyFormats.symmetricKey(algorithm == null ? null : CryptographicAlgorithm.fromValue(algorithm.asInt()),
          length.asInt(), derived);
      attributes.add(NewObjects.digest(derived, KeyFormatType.RAW));
    } else {
      object = KeyFormats.secretData(SecretDataType.SEED, derived);
      attributes.add(NewObjects.digest(derived, KeyFormatType.OPAQUE));
    }
    String uid = NewObjects.newUniqueIdentifier();
    attributes.add(NewObjects.link(LinkType.DERIVATION_BASE_OBJECT_LINK, base.uniqueIdentifier()));
    content.store(uid, req.objectType(), attributes, object, ctx);
    base.addLink(LinkType.DERIVED_KEY_LINK, uid, ctx.now());
    return new UniqueIdentifierResponse(uid).encode();
  }
}
