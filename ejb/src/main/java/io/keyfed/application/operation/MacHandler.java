package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Macs;
import io.keyfed.kmip.payload.MacRequest;
import io.keyfed.kmip.payload.MacResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * MAC (KMIP 1.4 §4.33, 2.1 §6.1 MAC), one-shot or streamed: HMAC or CMAC with a Symmetric Key, as
 * the engine supports. The key must be Active, before its Protect Stop Date, with MAC Generate in
 * its Cryptographic Usage Mask, and its Usage Limits must allow the Data. Result Reasons: as
 * Encrypt.
 */
@Stateless
@Local(OperationHandler.class)
public class MacHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.MAC;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    MacRequest req = MacRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.MAC, req.stream(),
        req.data(), ctx);
    Macs.Maced r = engine.macs().mac(key.uniqueIdentifier(), key.content(), key.parameters(req.cryptographicParameters()),
        req.data(), key.streaming());
    return new MacResponse(key.uniqueIdentifier(), r.macData(), r.correlationValue()).encode();
  }
}
