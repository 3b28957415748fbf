package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.payload.RngSeed;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * RNG Seed (KMIP 1.4 §4.36, 2.1 §6.1 RNG Seed): the client's Data supplements the server's
 * generator (it never replaces its state, so a client cannot make the output predictable); the
 * response's Data Length says how many bytes were used (at most 1 KiB per request). Result
 * Reasons: Invalid Message (no Data).
 */
@Stateless
@Local(OperationHandler.class)
public class RngSeedHandler implements OperationHandler {

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.RNG_SEED;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    return RngSeed.encodeResponse(engine.randomNumbers().seed(RngSeed.decodeRequest(requestPayload)));
  }
}
