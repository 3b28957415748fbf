package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Macs;
import io.keyfed.kmip.payload.MacVerifyRequest;
import io.keyfed.kmip.payload.MacVerifyResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * MAC Verify (KMIP 1.4 §4.34, 2.1 §6.1 MAC Verify), one-shot or streamed; a MAC that does not match
 * is a success with Validity Indicator Invalid. Verifying processes protected data: Active,
 * Deactivated or Compromised keys, not before the Process Start Date, MAC Verify in the
 * Cryptographic Usage Mask. Result Reasons: as Decrypt.
 */
@Stateless
@Local(OperationHandler.class)
public class MacVerifyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.MAC_VERIFY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    MacVerifyRequest req = MacVerifyRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.MAC_VERIFY, req.stream(),
        req.data(), ctx);
    Macs.MacVerified r = engine.macs().verify(key.uniqueIdentifier(), key.content(),
        key.parameters(req.cryptographicParameters()), req.data(), req.macData(), key.streaming());
    return new MacVerifyResponse(key.uniqueIdentifier(), r.validityIndicator(), r.correlationValue()).encode();
  }
}
