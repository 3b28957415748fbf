package io.keyfed.application.operation;

import io.keyfed.application.AsynchronousOperations;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.spec.CancellationResult;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Cancel (KMIP 1.4 §4.27, 2.1 §6.1 Cancel): stops an operation answered Operation Pending, and
 * says what became of it (Cancellation Result). Canceled: it had not committed, and now never
 * will (a running item's transaction is rolled back; with Undo the whole batch is); also a
 * read-only operation (Locate, Get, ...) whose result no Poll has collected — it is withdrawn,
 * as TC-3.2 expects. Completed or Failed: it had already finished. Unable to Cancel: it was
 * committing and did not finish in time. Unavailable: no such operation of this client (unknown,
 * expired, or another client's). A later Poll of a canceled operation answers Operation Failed /
 * Operation Canceled By Requester. Result Reasons: Invalid Message (no payload), Invalid Field.
 */
@ApplicationScoped
public class CancelHandler implements OperationHandler {

  @Inject
  AsynchronousOperations operations;

  @Override
  public Operation operation() {
    return Operation.CANCEL;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    byte[] acv = AsynchronousOperations.correlationValueOf(requestPayload, Operation.CANCEL);
    CancellationResult result = operations.cancel(acv, ctx.client().name());
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD,
        Ttlv.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, acv),
        Ttlv.enumeration(Tag.CANCELLATION_RESULT, result));
  }
}
