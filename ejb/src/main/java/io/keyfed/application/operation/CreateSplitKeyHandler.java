package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.Random;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateSplitKeyRequest;
import io.keyfed.kmip.payload.UniqueIdentifiersResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Create Split Key (KMIP 1.4 §4.38, 2.1 §6.1.11): splits a key into Split Key objects (XOR,
 * Polynomial Sharing GF(2^8) or Prime Field, by the engine), one per part, each with the
 * request's attributes and the key's Cryptographic Algorithm and Length. The key is the one the
 * request names, or the ID Placeholder; with neither, the server generates an AES key of the
 * requested length, which exists only in its parts. The key is left as it was. At most 255
 * parts. The first part becomes the ID Placeholder.
 *
 * <p>Result Reasons: Invalid Field (Object Type other than Split Key, a threshold above the parts,
 * XOR with a threshold below the parts, a bad Prime Field Size), Missing Data (no key and no
 * algorithm/length to make one), Feature Not Supported (GF(2^16)), Object Not Found (Item Not Found in 1.x), Permission
 * Denied, Object Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class CreateSplitKeyHandler implements OperationHandler {

  static final int MAX_PARTS = 255;
  private static final Set<Integer> AES_LENGTHS = Set.of(128, 192, 256);

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.CREATE_SPLIT_KEY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CreateSplitKeyRequest req = CreateSplitKeyRequest.decode(requestPayload);
    if (req.objectType() != ObjectType.SPLIT_KEY) {
      throw KmipException.invalidField("Create Split Key makes Split Keys, not " + req.objectType().specName() + " objects");
    }
    if (req.splitKeyParts() < 1 || req.splitKeyParts() > MAX_PARTS) {
      throw KmipException.invalidField("Split Key Parts must be 1 to " + MAX_PARTS);
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes());
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    String uid = req.uniqueIdentifier() != null ? req.uniqueIdentifier() : ctx.idPlaceholder();
    Ttlv key = uid != null ? content.plaintext(ObjectAccess.requireOnline(repository, uid, ctx), ctx) : newKey(attributes);

    List<Ttlv> parts = engine.splitKeys().split(key, req.splitKeyParts(), req.splitKeyThreshold(), req.splitKeyMethod(),
        req.primeFieldSize());
    List<String> uids = new ArrayList<>(parts.size());
    for (Ttlv part : parts) {
      List<Attribute> partAttributes = new ArrayList<>(attributes);
      partAttributes.removeIf(a -> a.is(Tag.CRYPTOGRAPHIC_ALGORITHM) || a.is(Tag.CRYPTOGRAPHIC_LENGTH));
      Ttlv stored = NewObjects.normaliseRegistered(part, partAttributes);
      String partUid = NewObjects.newUniqueIdentifier();
      content.store(partUid, ObjectType.SPLIT_KEY, partAttributes, stored, ctx);
      uids.add(partUid);
    }
    ctx.setIdPlaceholder(uids.get(0));
    return new UniqueIdentifiersResponse(uids).encode();
  }

  private static Ttlv newKey(List<Attribute> attributes) {
    Ttlv alg = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    Ttlv len = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_LENGTH);
    if (alg == null || len == null) {
      throw KmipException.missingData("without a key to split, Create Split Key needs Cryptographic Algorithm and Length"
          + " to make one");
    }
    if (CryptographicAlgorithm.fromValue(alg.asInt()) != CryptographicAlgorithm.AES || !AES_LENGTHS.contains(len.asInt())) {
      throw KmipException.featureNotSupported("Create Split Key makes AES keys of 128, 192 or 256 bits");
    }
    return KeyFormats.symmetricKey(CryptographicAlgorithm.AES, len.asInt(), Random.bytes(len.asInt() / 8));
  }
}
