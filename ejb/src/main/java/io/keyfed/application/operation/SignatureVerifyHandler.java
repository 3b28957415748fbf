package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Signatures;
import io.keyfed.kmip.payload.SignatureVerifyRequest;
import io.keyfed.kmip.payload.SignatureVerifyResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Signature Verify (KMIP 1.4 §4.32, 2.1 §6.1 Signature Verify), of Data (one-shot or streamed) or
 * Digested Data, with a Public Key (a Private Key's public half also serves). A signature that
 * does not verify is a success with Validity Indicator Invalid, not a failure. Verifying processes
 * protected data: Active, Deactivated or Compromised keys, not before the Process Start Date,
 * Verify in the Cryptographic Usage Mask. Result Reasons: as Decrypt.
 */
@Stateless
@Local(OperationHandler.class)
public class SignatureVerifyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.SIGNATURE_VERIFY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    SignatureVerifyRequest req = SignatureVerifyRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.SIGNATURE_VERIFY,
        req.stream(), req.data(), ctx);
    Signatures.Verified r = engine.signatures().verify(key.uniqueIdentifier(), key.content(),
        key.parameters(req.cryptographicParameters()), req.data(), req.digestedData(), req.signatureData(),
        key.streaming());
    return new SignatureVerifyResponse(key.uniqueIdentifier(), r.validityIndicator(), r.correlationValue()).encode();
  }
}
