package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.infrastructure.crypto.engine.Hashing;
import io.keyfed.kmip.payload.HashRequest;
import io.keyfed.kmip.payload.HashResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Hash (KMIP 1.4 §4.37, 2.1 §6.1 Hash), one-shot or streamed, with the Hashing Algorithm of the
 * Cryptographic Parameters. No key, so no usage rules. Result Reasons: Invalid Field (no Hashing
 * Algorithm, an unknown Correlation Value), Server Limit Exceeded (too many open streams).
 */
@Stateless
@Local(OperationHandler.class)
public class HashHandler implements OperationHandler {

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.HASH;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    HashRequest req = HashRequest.decode(requestPayload);
    var streaming = KeyInUse.streaming(req.stream());
    Hashing.Hashed r = engine.hashing().hash(CryptographicParameters.decode(req.cryptographicParameters()), req.data(),
        streaming);
    return new HashResponse(r.data(), r.correlationValue()).encode();
  }
}
