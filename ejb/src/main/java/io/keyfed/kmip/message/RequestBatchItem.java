package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * One Batch Item of a request (KMIP 1.4 §7.2, 2.1 §8.2). The Operation is kept as its raw value:
 * an operation this server does not know must still be answered (Operation Not Supported) in its
 * place in the batch, echoing the client's Unique Batch Item ID.
 */
public record RequestBatchItem(int operation, byte[] uniqueBatchItemId, Ttlv requestPayload, Ttlv messageExtension) {

  /** The operation, or null when the value is not one the specification defines. */
  public Operation knownOperation() {
    return Operation.fromValue(operation);
  }

  public static RequestBatchItem decode(Ttlv t) {
    Fields.structure(t);
    Ttlv op = Fields.required(t, Tag.OPERATION);
    if (op.type() != io.keyfed.kmip.spec.ItemType.ENUMERATION) {
      throw KmipException.invalidMessage("Operation must be an Enumeration");
    }
    Ttlv id = t.child(Tag.UNIQUE_BATCH_ITEM_ID);
    return new RequestBatchItem(op.asInt(), id == null ? null : Fields.bytes(id),
        t.child(Tag.REQUEST_PAYLOAD), t.child(Tag.MESSAGE_EXTENSION));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(4);
    c.add(Ttlv.enumeration(Tag.OPERATION, operation));
    if (uniqueBatchItemId != null) {
      c.add(Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, uniqueBatchItemId));
    }
    c.add(requestPayload != null ? requestPayload : Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()));
    if (messageExtension != null) {
      c.add(messageExtension);
    }
    return Ttlv.structure(Tag.BATCH_ITEM, c);
  }
}
