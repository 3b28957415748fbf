package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Response Header (KMIP 1.4 §7.2, 2.1 §8.2). Correlation values echo the request's items. */
public record ResponseHeader(
    ProtocolVersion protocolVersion,
    Instant timeStamp,
    Ttlv clientCorrelationValue,
    Ttlv serverCorrelationValue,
    int batchCount) {

  public static ResponseHeader decode(Ttlv t) {
    Fields.structure(t);
    return new ResponseHeader(
        ProtocolVersion.decode(Fields.required(t, Tag.PROTOCOL_VERSION)),
        Fields.dateTime(Fields.required(t, Tag.TIME_STAMP)),
        t.child(Tag.CLIENT_CORRELATION_VALUE),
        t.child(Tag.SERVER_CORRELATION_VALUE),
        Fields.integer(Fields.required(t, Tag.BATCH_COUNT)));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    c.add(protocolVersion.encode());
    c.add(Ttlv.dateTime(Tag.TIME_STAMP, timeStamp));
    if (clientCorrelationValue != null) {
      c.add(clientCorrelationValue);
    }
    if (serverCorrelationValue != null) {
      c.add(serverCorrelationValue);
    }
    c.add(Ttlv.integer(Tag.BATCH_COUNT, batchCount));
    return Ttlv.structure(Tag.RESPONSE_HEADER, c);
  }
}
