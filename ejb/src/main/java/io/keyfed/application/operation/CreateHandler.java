package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.Random;
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
import java.util.Set;

/**
 * Create (KMIP 1.4 §4.1, 2.1 §6.1.9): generates a symmetric key. Supported: AES of 128, 192 or 256
 * bits. Result Reasons: Missing Data (no algorithm or length), Invalid Field (an unsupported
 * length, a server-managed attribute), Feature Not Supported (another object type or algorithm).
 */
@Stateless
@Local(OperationHandler.class)
public class CreateHandler implements OperationHandler {

  private static final Set<Integer> AES_LENGTHS = Set.of(128, 192, 256);

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
    if (CryptographicAlgorithm.fromValue(alg.asInt()) != CryptographicAlgorithm.AES) {
      throw KmipException.featureNotSupported("Create supports the AES algorithm");
    }
    int bits = len.asInt();
    if (!AES_LENGTHS.contains(bits)) {
      throw KmipException.invalidField("AES keys are 128, 192 or 256 bits, not " + bits);
    }
    byte[] key = Random.bytes(bits / 8);
    Ttlv object = NewObjects.symmetricKey(CryptographicAlgorithm.AES, bits, key);
    String uid = NewObjects.newUniqueIdentifier();
    attributes.add(NewObjects.digest(key));
    ManagedObject o = ManagedObject.create(uid, ObjectType.SYMMETRIC_KEY, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    ctx.setIdPlaceholder(uid);
    return new CreateResponse(ObjectType.SYMMETRIC_KEY, uid, List.of()).encode(ctx.version());
  }
}
