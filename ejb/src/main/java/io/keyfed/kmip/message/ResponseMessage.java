package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Response Message: a header and one batch item per request batch item (KMIP 1.4 §7.1). */
public record ResponseMessage(ResponseHeader header, List<ResponseBatchItem> batchItems) {

  public ResponseMessage {
    batchItems = List.copyOf(batchItems);
  }

  public static ResponseMessage decode(Ttlv t) {
    if (!t.is(Tag.RESPONSE_MESSAGE) || !t.isStructure()) {
      throw KmipException.invalidMessage("expected a Response Message, got " + t.tagName());
    }
    ResponseHeader header = ResponseHeader.decode(Fields.required(t, Tag.RESPONSE_HEADER));
    List<ResponseBatchItem> items = new ArrayList<>();
    for (Ttlv c : t.children(Tag.BATCH_ITEM)) {
      items.add(ResponseBatchItem.decode(c));
    }
    if (!header.protocolVersion().defines(Tag.BATCH_COUNT) && t.child(Tag.RESPONSE_HEADER).child(Tag.BATCH_COUNT) == null) {
      header = header.withBatchCount(items.size());
    }
    return new ResponseMessage(header, items);
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(batchItems.size() + 1);
    c.add(header.encode());
    for (ResponseBatchItem i : batchItems) {
      c.add(i.encode());
    }
    return Ttlv.structure(Tag.RESPONSE_MESSAGE, c);
  }
}
