package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Request Header (KMIP 1.4 §7.2, 2.1 §8.2). Correlation values are kept as raw items because their
 * type changed between versions (Text String in 1.x, Byte String in 2.x): they are echoed as sent.
 * Authentication is kept as its raw structure for the authentication layer to read.
 */
public record RequestHeader(
    ProtocolVersion protocolVersion,
    Integer maximumResponseSize,
    Ttlv clientCorrelationValue,
    Ttlv serverCorrelationValue,
    Boolean asynchronousIndicator,
    Ttlv authentication,
    BatchErrorContinuationOption batchErrorContinuationOption,
    Boolean batchOrderOption,
    Instant timeStamp,
    int batchCount) {

  public static RequestHeader decode(Ttlv t) {
    Fields.structure(t);
    return new RequestHeader(
        ProtocolVersion.decode(Fields.required(t, Tag.PROTOCOL_VERSION)),
        Fields.optionalInteger(t, Tag.MAXIMUM_RESPONSE_SIZE),
        t.child(Tag.CLIENT_CORRELATION_VALUE),
        t.child(Tag.SERVER_CORRELATION_VALUE),
        Fields.optionalBool(t, Tag.ASYNCHRONOUS_INDICATOR),
        t.child(Tag.AUTHENTICATION),
        Fields.optionalEnum(t, Tag.BATCH_ERROR_CONTINUATION_OPTION, BatchErrorContinuationOption::fromValue),
        Fields.optionalBool(t, Tag.BATCH_ORDER_OPTION),
        t.child(Tag.TIME_STAMP) == null ? null : Fields.dateTime(t.child(Tag.TIME_STAMP)),
        Fields.integer(Fields.required(t, Tag.BATCH_COUNT)));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>();
    c.add(protocolVersion.encode());
    if (maximumResponseSize != null) {
      c.add(Ttlv.integer(Tag.MAXIMUM_RESPONSE_SIZE, maximumResponseSize));
    }
    if (clientCorrelationValue != null) {
      c.add(clientCorrelationValue);
    }
    if (serverCorrelationValue != null) {
      c.add(serverCorrelationValue);
    }
    if (asynchronousIndicator != null) {
      c.add(Ttlv.bool(Tag.ASYNCHRONOUS_INDICATOR, asynchronousIndicator));
    }
    if (authentication != null) {
      c.add(authentication);
    }
    if (batchErrorContinuationOption != null) {
      c.add(Ttlv.enumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, batchErrorContinuationOption));
    }
    if (batchOrderOption != null) {
      c.add(Ttlv.bool(Tag.BATCH_ORDER_OPTION, batchOrderOption));
    }
    if (timeStamp != null) {
      c.add(Ttlv.dateTime(Tag.TIME_STAMP, timeStamp));
    }
    c.add(Ttlv.integer(Tag.BATCH_COUNT, batchCount));
    return Ttlv.structure(Tag.REQUEST_HEADER, c);
  }

  /** A minimal header for a client request. */
  public static RequestHeader simple(ProtocolVersion v, int batchCount) {
    return new RequestHeader(v, null, null, null, null, null, null, null, null, batchCount);
  }
}
