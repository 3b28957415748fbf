package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Request Message: a header and one or more batch items (KMIP 1.4 §7.1). */
public record RequestMessage(RequestHeader header, List<RequestBatchItem> batchItems) {

  public RequestMessage {
    batchItems = List.copyOf(batchItems);
  }

  /**
   * Decodes a request. In KMIP 3.0, which has no Batch Count, the header's count is the number of
   * batch items. A structure that is not a Request Message, lacks a header, or whose Batch
   * Count disagrees with its items is an Invalid Message.
   */
  public static RequestMessage decode(Ttlv t) {
    if (!t.is(Tag.REQUEST_MESSAGE) || !t.isStructure()) {
      throw KmipException.invalidMessage("expected a Request Message, got " + t.tagName());
    }
    RequestHeader header = RequestHeader.decode(Fields.required(t, Tag.REQUEST_HEADER));
    List<RequestBatchItem> items = new ArrayList<>();
    for (Ttlv c : t.children(Tag.BATCH_ITEM)) {
      items.add(RequestBatchItem.decode(c));
    }
    if (items.isEmpty()) {
      throw KmipException.invalidMessage("a Request Message needs at least one Batch Item");
    }
    if (!header.protocolVersion().defines(Tag.BATCH_COUNT) && t.child(Tag.REQUEST_HEADER).child(Tag.BATCH_COUNT) == null) {
      header = header.withBatchCount(items.size());
    }
    if (header.batchCount() != items.size()) {
      throw KmipException.invalidMessage("Batch Count " + header.batchCount() + " but " + items.size() + " Batch Items");
    }
    return new RequestMessage(header, items);
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(batchItems.size() + 1);
    c.add(header.encode());
    for (RequestBatchItem i : batchItems) {
      c.add(i.encode());
    }
    return Ttlv.structure(Tag.REQUEST_MESSAGE, c);
  }
}
