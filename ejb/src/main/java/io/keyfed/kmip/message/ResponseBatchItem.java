package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Batch Item of a response (KMIP 1.4 §7.2, 2.1 §8.2): Operation, Unique Batch Item ID, Result
 * Status, Result Reason, Result Message, Asynchronous Correlation Value, Response Payload, Message
 * Extension. Operation is null only where the request could not be parsed far enough to know it.
 * Children the batch item does not define are kept in {@code otherFields} and written last.
 */
public record ResponseBatchItem(
    Integer operation,
    byte[] uniqueBatchItemId,
    ResultStatus resultStatus,
    ResultReason resultReason,
    String resultMessage,
    byte[] asynchronousCorrelationValue,
    Ttlv responsePayload,
    Ttlv messageExtension,
    List<Ttlv> otherFields) {

  private static final Set<Integer> DEFINED = Set.of(Tag.OPERATION.value(), Tag.UNIQUE_BATCH_ITEM_ID.value(),
      Tag.RESULT_STATUS.value(), Tag.RESULT_REASON.value(), Tag.RESULT_MESSAGE.value(),
      Tag.ASYNCHRONOUS_CORRELATION_VALUE.value(), Tag.RESPONSE_PAYLOAD.value(), Tag.MESSAGE_EXTENSION.value());

  public ResponseBatchItem {
    otherFields = otherFields == null ? List.of() : List.copyOf(otherFields);
  }

  public ResponseBatchItem(Integer operation, byte[] uniqueBatchItemId, ResultStatus resultStatus,
      ResultReason resultReason, String resultMessage, byte[] asynchronousCorrelationValue, Ttlv responsePayload) {
    this(operation, uniqueBatchItemId, resultStatus, resultReason, resultMessage, asynchronousCorrelationValue,
        responsePayload, null, List.of());
  }

  public static ResponseBatchItem success(int operation, byte[] batchItemId, Ttlv payload) {
    return new ResponseBatchItem(operation, batchItemId, ResultStatus.SUCCESS, null, null, null, payload);
  }

  public static ResponseBatchItem failure(Integer operation, byte[] batchItemId, ResultReason reason, String message) {
    return new ResponseBatchItem(operation, batchItemId, ResultStatus.OPERATION_FAILED, reason, message, null, null);
  }

  public boolean succeeded() {
    return resultStatus == ResultStatus.SUCCESS;
  }

  public static ResponseBatchItem decode(Ttlv t) {
    Fields.structure(t);
    Ttlv op = t.child(Tag.OPERATION);
    Ttlv id = t.child(Tag.UNIQUE_BATCH_ITEM_ID);
    Ttlv acv = t.child(Tag.ASYNCHRONOUS_CORRELATION_VALUE);
    return new ResponseBatchItem(
        op == null ? null : Fields.enumerationValue(op),
        id == null ? null : Fields.bytes(id),
        Fields.enumeration(Fields.required(t, Tag.RESULT_STATUS), ResultStatus::fromValue),
        Fields.optionalEnum(t, Tag.RESULT_REASON, ResultReason::fromValue),
        Fields.optionalText(t, Tag.RESULT_MESSAGE),
        acv == null ? null : Fields.bytes(acv),
        t.child(Tag.RESPONSE_PAYLOAD),
        t.child(Tag.MESSAGE_EXTENSION),
        Fields.others(t, DEFINED));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(6);
    if (operation != null) {
      c.add(Ttlv.enumeration(Tag.OPERATION, operation));
    }
    if (uniqueBatchItemId != null) {
      c.add(Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, uniqueBatchItemId));
    }
    c.add(Ttlv.enumeration(Tag.RESULT_STATUS, resultStatus));
    if (resultReason != null) {
      c.add(Ttlv.enumeration(Tag.RESULT_REASON, resultReason));
    }
    if (resultMessage != null) {
      c.add(Ttlv.text(Tag.RESULT_MESSAGE, resultMessage));
    }
    if (asynchronousCorrelationValue != null) {
      c.add(Ttlv.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, asynchronousCorrelationValue));
    }
    if (responsePayload != null) {
      c.add(responsePayload);
    }
    if (messageExtension != null) {
      c.add(messageExtension);
    }
    c.addAll(otherFields);
    return Ttlv.structure(Tag.BATCH_ITEM, c);
  }
}
