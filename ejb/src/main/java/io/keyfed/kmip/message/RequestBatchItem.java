package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Batch Item of a request (KMIP 1.4 §7.2, 2.1 §8.2): Operation, Ephemeral (2.0+), Unique Batch
 * Item ID, Request Payload, Message Extension. The Operation is kept as its raw value: an operation
 * this server does not know must still be answered (Operation Not Supported) in its place in the
 * batch, echoing the client's Unique Batch Item ID. Children the batch item does not define are
 * kept in {@code otherFields} and written last.
 */
public record RequestBatchItem(
    int operation,
    byte[] uniqueBatchItemId,
    Ttlv requestPayload,
    Ttlv messageExtension,
    Boolean ephemeral,
    List<Ttlv> otherFields) {

  private static final Set<Integer> DEFINED = Set.of(Tag.OPERATION.value(), Tag.EPHEMERAL.value(),
      Tag.UNIQUE_BATCH_ITEM_ID.value(), Tag.REQUEST_PAYLOAD.value(), Tag.MESSAGE_EXTENSION.value());

  public RequestBatchItem {
    otherFields = otherFields == null ? List.of() : List.copyOf(otherFields);
  }

  public RequestBatchItem(int operation, byte[] uniqueBatchItemId, Ttlv requestPayload, Ttlv messageExtension) {
    this(operation, uniqueBatchItemId, requestPayload, messageExtension, null, List.of());
  }

  /** The operation, or null when the value is not one the specification defines. */
  public Operation knownOperation() {
    return Operation.fromValue(operation);
  }

  public static RequestBatchItem decode(Ttlv t) {
    Fields.structure(t);
    Ttlv op = Fields.required(t, Tag.OPERATION);
    if (op.type() != ItemType.ENUMERATION) {
      throw KmipException.invalidMessage("Operation must be an Enumeration");
    }
    Ttlv id = t.child(Tag.UNIQUE_BATCH_ITEM_ID);
    return new RequestBatchItem(op.asInt(), id == null ? null : Fields.bytes(id),
        t.child(Tag.REQUEST_PAYLOAD), t.child(Tag.MESSAGE_EXTENSION),
        Fields.optionalBool(t, Tag.EPHEMERAL), Fields.others(t, DEFINED));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(4);
    c.add(Ttlv.enumeration(Tag.OPERATION, operation));
    if (ephemeral != null) {
      c.add(Ttlv.bool(Tag.EPHEMERAL, ephemeral));
    }
    if (uniqueBatchItemId != null) {
      c.add(Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, uniqueBatchItemId));
    }
    c.add(requestPayload != null ? requestPayload : Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()));
    if (messageExtension != null) {
      c.add(messageExtension);
    }
    c.addAll(otherFields);
    return Ttlv.structure(Tag.BATCH_ITEM, c);
  }
}
