package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.Encryption;
import io.keyfed.kmip.payload.DecryptRequest;
import io.keyfed.kmip.payload.DecryptResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Decrypt (KMIP 1.4 §4.30, 2.1 §6.1 Decrypt), one-shot or streamed, with a Symmetric Key or a
 * Private Key. Decrypt processes protected data, so a Deactivated or Compromised key may still
 * decrypt; not a Pre-Active one, nor before the key's Process Start Date; Decrypt must be in its
 * Cryptographic Usage Mask. Result Reasons: as Encrypt, without the Usage Limits (processing is
 * not limited), plus Invalid Message "missing-iv" (a mode that needs an IV/Counter/Nonce without
 * one, as CS-BC-M-11 expects) and Cryptographic Failure (bad padding, a wrong tag).
 */
@Stateless
@Local(OperationHandler.class)
public class DecryptHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.DECRYPT;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    DecryptRequest req = DecryptRequest.decode(requestPayload);
    KeyInUse key = KeyInUse.require(repository, sealer, req.uniqueIdentifier(), CryptographicUse.DECRYPT, req.stream(),
        req.data(), ctx);
    Encryption.Decrypted r = engine.encryption().decrypt(key.uniqueIdentifier(), key.content(),
        key.parameters(req.cryptographicParameters()), req.data(), req.ivCounterNonce(),
        req.authenticatedEncryptionAdditionalData(), req.authenticatedEncryptionTag(), key.streaming());
    return new DecryptResponse(key.uniqueIdentifier(), KeyInUse.output(r.data(), key.streaming()), r.correlationValue())
        .encode();
  }
}
