package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.Random;
import io.keyfed.infrastructure.crypto.engine.KeyGeneration;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Create (KMIP 1.4 §4.1, 2.1 §6.1.9): generates a symmetric key with {@link KeyGeneration}: AES
 * of 128, 192 or 256 bits, Triple DES (the Symmetric Key Foundry test cases create DES3-168),
 * ChaCha20, HMAC keys. Result Reasons: Missing Data (no algorithm or length), Invalid Field (an unsupported
 * length, a server-managed attribute), Feature Not Supported (another object type or algorithm).
 */
@Stateless
@Local(OperationHandler.class)
public class CreateHandler implements OperationHandler {

  private static final KeyGeneration KEYS = new KeyGeneration(Random.source());

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Override
  public Operation operation() {
    return Operation.CREATE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CreateRequest req = CreateRequest.decode(requestPayload);
    if (req.objectType() != ObjectType.SYMMETRIC_KEY) {
      throw KmipException.featureNotSupported("Create makes Symmetric Keys; use Create Key Pair or Register for " + req.objectType().specName());
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes(), ObjectType.SYMMETRIC_KEY, repository, ctx);
    Ttlv alg = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    Ttlv len = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_LENGTH);
    if (alg == null || len == null) {
      throw KmipException.missingData("Create of a Symmetric Key needs Cryptographic Algorithm and Cryptographic Length");
    }
    CryptographicAlgorithm algorithm = CryptographicAlgorithm.fromValue(alg.asInt());
    if (algorithm == null) {
      throw KmipException.featureNotSupported("unknown Cryptographic Algorithm " + alg.asInt());
    }
    int bits = len.asInt();
    Ttlv object = KEYS.symmetricKey(algorithm, bits);
    byte[] key = object.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
    String uid = NewObjects.newUniqueIdentifier();
    attributes.add(NewObjects.digest(key));
    NewObjects.addRandomNumberGenerator(attributes);
    attributes.add(Attribute.of(Tag.KEY_FORMAT_TYPE, object.child(Tag.KEY_BLOCK).child(Tag.KEY_FORMAT_TYPE)));
    ManagedObject o = ManagedObject.create(uid, ObjectType.SYMMETRIC_KEY, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    ctx.setIdPlaceholder(uid);
    return new CreateResponse(ObjectType.SYMMETRIC_KEY, uid, List.of()).encode(ctx.version());
  }
}
