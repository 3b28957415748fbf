package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Encryption;
import io.keyfed.kmip.payload.EncryptRequest;
import io.keyfed.kmip.payload.EncryptResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Encrypt (KMIP 1.4 §4.29, 2.1 §6.1 Encrypt), one-shot or streamed, with a Symmetric Key or a
 * Public Key through the crypto engine; the Cryptographic Parameters the request leaves out come
 * from the key's attribute. The key must be Active, before its Protect Stop Date, with Encrypt in
 * its Cryptographic Usage Mask, and its Usage Limits must allow the Data. Result Reasons: Item Not
 * Found, Permission Denied (another owner's key; Usage Limits exhausted; in 1.x also the three
 * below), Wrong Key Lifecycle State, Incompatible Cryptographic Usage Mask, Object Destroyed,
 * Invalid Field (parameters that do not fit the key, an unknown Correlation Value), Feature Not
 * Supported (a mode the engine lacks), Cryptographic Failure, Server Limit Exceeded (too many open
 * streams).
 */
@Stateless
@Local(OperationHandler.class)
public class EncryptHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.ENCRYPT;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    EncryptRequest req = EncryptRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.ENCRYPT, req.stream(),
        req.data(), ctx);
    Encryption.Encrypted r = engine.encryption().encrypt(key.uniqueIdentifier(), key.content(),
        key.parameters(req.cryptographicParameters()), req.data(), req.ivCounterNonce(),
        req.authenticatedEncryptionAdditionalData(), key.streaming());
    return new EncryptResponse(key.uniqueIdentifier(), KeyInUse.output(r.data(), key.streaming()), r.ivCounterNonce(),
        r.correlationValue(), r.authenticatedEncryptionTag()).encode();
  }
}
