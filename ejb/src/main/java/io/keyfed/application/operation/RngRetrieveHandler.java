package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.payload.RngRetrieve;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * RNG Retrieve (KMIP 1.4 §4.35, 2.1 §6.1 RNG Retrieve): Data Length random bytes from the server's
 * generator. Result Reasons: Invalid Message (no Data Length), Invalid Field (a negative length or
 * more than the engine's limit, 1 MiB).
 */
@Stateless
@Local(OperationHandler.class)
public class RngRetrieveHandler implements OperationHandler {

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.RNG_RETRIEVE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    return RngRetrieve.encodeResponse(engine.randomNumbers().retrieve(RngRetrieve.decodeRequest(requestPayload)));
  }
}
