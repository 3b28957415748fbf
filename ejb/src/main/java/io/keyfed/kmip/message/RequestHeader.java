package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Request Header (KMIP 1.4 §7.2, 2.1 §8.2). Correlation values are kept as raw items because their
 * type changed between versions (Text String in 1.x, Byte String in 2.x): they are echoed as sent.
 * Authentication is kept as its raw structure for the authentication layer to read.
 *
 * <p>The Asynchronous Indicator is held in its 2.x form, the Enumeration Mandatory / Optional /
 * Prohibited (KMIP 2.1 §11.3). A 1.x client sends a Boolean (KMIP 1.4 §6.7): True, "the client
 * can accept an asynchronous response", is Optional; False is Prohibited. Either form is accepted
 * in any version, and {@link #encode()} writes the form of the header's own version.
 */
public record RequestHeader(
    ProtocolVersion protocolVersion,
    Integer maximumResponseSize,
    Ttlv clientCorrelationValue,
    Ttlv serverCorrelationValue,
    AsynchronousIndicator asynchronousIndicator,
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
        asynchronousIndicator(t.child(Tag.ASYNCHRONOUS_INDICATOR)),
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
      c.add(protocolVersion.major() < 2
          ? Ttlv.bool(Tag.ASYNCHRONOUS_INDICATOR, asynchronousIndicator != AsynchronousIndicator.PROHIBITED)
          : Ttlv.enumeration(Tag.ASYNCHRONOUS_INDICATOR, asynchronousIndicator));
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

  /** The 1.x Boolean or the 2.x Enumeration, as the 2.x Enumeration; null when absent. */
  static AsynchronousIndicator asynchronousIndicator(Ttlv t) {
    if (t == null) {
      return null;
    }
    if (t.type() == ItemType.BOOLEAN) {
      return t.asBoolean() ? AsynchronousIndicator.OPTIONAL : AsynchronousIndicator.PROHIBITED;
    }
    return Fields.enumeration(t, AsynchronousIndicator::fromValue);
  }

  /** A minimal header for a client request. */
  public static RequestHeader simple(ProtocolVersion v, int batchCount) {
    return new RequestHeader(v, null, null, null, null, null, null, null, null, batchCount);
  }
}
