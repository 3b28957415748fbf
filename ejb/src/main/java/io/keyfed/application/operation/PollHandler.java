package io.keyfed.application.operation;

import io.keyfed.application.AsynchronousOperations;
import io.keyfed.application.BatchItemHandler;
import io.keyfed.application.PendingOperation;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Poll (KMIP 1.4 §4.28, 2.1 §6.1 Poll): the outcome of an operation answered Operation Pending.
 * Still running: Operation Pending again, with the Asynchronous Correlation Value. Done: the
 * response batch item the operation would have had synchronously — its Operation, Result Status,
 * Reason, Message and payload — as the OASIS cases show (TC-3.2 polls a Locate and gets
 * {@code Operation Locate, Success}; TC-10.1 the same for Archive and Recover). The Unique Batch
 * Item ID is the Poll item's. A result can be polled again until it expires. Result Reasons: Item
 * Not Found for 1.x and Invalid Asynchronous Correlation Value for 2.x (unknown or expired value,
 * or another client's), Invalid Message (no payload), Invalid Field.
 */
@ApplicationScoped
public class PollHandler implements BatchItemHandler {

  @Inject
  AsynchronousOperations operations;

  @Override
  public Operation operation() {
    return Operation.POLL;
  }

  @Override
  public ResponseBatchItem respond(RequestBatchItem item, RequestContext ctx) {
    byte[] acv = AsynchronousOperations.correlationValueOf(item.requestPayload(), Operation.POLL);
    PendingOperation p = operations.find(acv, ctx.client().name());
    if (p == null) {
      throw new KmipException(ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE,
          "no asynchronous operation of this client has that Asynchronous Correlation Value (unknown, or its result expired)");
    }
    ResponseBatchItem r = p.deliver();
    if (r == null) {
      return new ResponseBatchItem(p.item().operation(), item.uniqueBatchItemId(), ResultStatus.OPERATION_PENDING, null,
          null, acv, null);
    }
    return new ResponseBatchItem(r.operation(), item.uniqueBatchItemId(), r.resultStatus(), r.resultReason(),
        r.resultMessage(), null, r.responsePayload());
  }

  /** The payload-only view: the polled operation's payload, or its failure; never used by the batch loop. */
  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ResponseBatchItem r = respond(new RequestBatchItem(Operation.POLL.value(), null, requestPayload, null), ctx);
    if (r.resultStatus() == ResultStatus.OPERATION_FAILED) {
      throw new KmipException(r.resultReason(), r.resultMessage());
    }
    return r.responsePayload();
  }
}
