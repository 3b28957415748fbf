package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Signatures;
import io.keyfed.kmip.payload.SignRequest;
import io.keyfed.kmip.payload.SignResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Sign (KMIP 1.4 §4.31, 2.1 §6.1 Sign), of Data (one-shot or streamed) or of Digested Data, with a
 * Private Key: RSA PKCS#1 v1.5 or PSS, ECDSA, Ed25519, as the engine supports. The key must be
 * Active, before its Protect Stop Date, with Sign in its Cryptographic Usage Mask, and its Usage
 * Limits must allow the data. Result Reasons: as Encrypt.
 */
@Stateless
@Local(OperationHandler.class)
public class SignHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.SIGN;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    SignRequest req = SignRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.SIGN, req.stream(),
        req.data() != null ? req.data() : req.digestedData(), ctx);
    Signatures.Signed r = engine.signatures().sign(key.uniqueIdentifier(), key.content(),
        key.parameters(req.cryptographicParameters()), req.data(), req.digestedData(), key.streaming());
    return new SignResponse(key.uniqueIdentifier(), r.signatureData(), r.correlationValue()).encode();
  }
}
