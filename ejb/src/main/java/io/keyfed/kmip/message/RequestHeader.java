package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Request Header (KMIP 1.4 §7.2, 2.1 §8.2), every field in the specification's order: Protocol
 * Version, Maximum Response Size, Client Correlation Value, Server Correlation Value, Asynchronous
 * Indicator, Attestation Capable Indicator, Attestation Type (any number), Authentication, Batch
 * Error Continuation Option, Batch Order Option, Time Stamp, Batch Count.
 *
 * <p>Correlation values are kept as raw items because their type changed between versions (Text
 * String in 1.x, Byte String in 2.x): they are echoed as sent. Authentication is kept as its raw
 * structure for the authentication layer to read. Attestation Types are raw enumeration values.
 * Children the header does not define (vendor extensions) are kept in {@code otherFields} and
 * written after the defined ones.
 *
 * <p>Batch Count: KMIP 3.0 reserves the tag again, so a 3.0 header has none. Decoding a header
 * without one in a version that does not define it gives 0 until {@link RequestMessage#decode}
 * sets the number of batch items; encoding writes it only in the versions that define it.
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
    int batchCount,
    Boolean attestationCapableIndicator,
    List<Integer> attestationTypes,
    List<Ttlv> otherFields) {

  private static final Set<Integer> DEFINED = Set.of(
      Tag.PROTOCOL_VERSION.value(), Tag.MAXIMUM_RESPONSE_SIZE.value(), Tag.CLIENT_CORRELATION_VALUE.value(),
      Tag.SERVER_CORRELATION_VALUE.value(), Tag.ASYNCHRONOUS_INDICATOR.value(),
      Tag.ATTESTATION_CAPABLE_INDICATOR.value(), Tag.ATTESTATION_TYPE.value(), Tag.AUTHENTICATION.value(),
      Tag.BATCH_ERROR_CONTINUATION_OPTION.value(), Tag.BATCH_ORDER_OPTION.value(), Tag.TIME_STAMP.value(),
      Tag.BATCH_COUNT.value());

  public RequestHeader {
    attestationTypes = attestationTypes == null ? List.of() : List.copyOf(attestationTypes);
    otherFields = otherFields == null ? List.of() : List.copyOf(otherFields);
  }

  /** The fields of KMIP 1.0-1.1 (and what servers mostly use). */
  public RequestHeader(ProtocolVersion protocolVersion, Integer maximumResponseSize, Ttlv clientCorrelationValue,
      Ttlv serverCorrelationValue, AsynchronousIndicator asynchronousIndicator, Ttlv authentication,
      BatchErrorContinuationOption batchErrorContinuationOption, Boolean batchOrderOption, Instant timeStamp,
      int batchCount) {
    this(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
        authentication, batchErrorContinuationOption, batchOrderOption, timeStamp, batchCount, null, List.of(), List.of());
  }

  public static RequestHeader decode(Ttlv t) {
    Fields.structure(t);
    ProtocolVersion version = ProtocolVersion.decode(Fields.required(t, Tag.PROTOCOL_VERSION));
    Ttlv count = version.defines(Tag.BATCH_COUNT) ? Fields.required(t, Tag.BATCH_COUNT) : t.child(Tag.BATCH_COUNT);
    List<Integer> attestation = new ArrayList<>(0);
    for (Ttlv a : t.children(Tag.ATTESTATION_TYPE)) {
      attestation.add(Fields.enumerationValue(a));
    }
    return new RequestHeader(
        version,
        Fields.optionalInteger(t, Tag.MAXIMUM_RESPONSE_SIZE),
        t.child(Tag.CLIENT_CORRELATION_VALUE),
        t.child(Tag.SERVER_CORRELATION_VALUE),
        asynchronousIndicator(t.child(Tag.ASYNCHRONOUS_INDICATOR)),
        t.child(Tag.AUTHENTICATION),
        Fields.optionalEnum(t, Tag.BATCH_ERROR_CONTINUATION_OPTION, BatchErrorContinuationOption::fromValue),
        Fields.optionalBool(t, Tag.BATCH_ORDER_OPTION),
        t.child(Tag.TIME_STAMP) == null ? null : Fields.dateTime(t.child(Tag.TIME_STAMP)),
        count == null ? 0 : Fields.integer(count),
        Fields.optionalBool(t, Tag.ATTESTATION_CAPABLE_INDICATOR),
        attestation,
        Fields.others(t, DEFINED));
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
    if (attestationCapableIndicator != null) {
      c.add(Ttlv.bool(Tag.ATTESTATION_CAPABLE_INDICATOR, attestationCapableIndicator));
    }
    for (int a : attestationTypes) {
      c.add(Ttlv.enumeration(Tag.ATTESTATION_TYPE, a));
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
    if (protocolVersion.defines(Tag.BATCH_COUNT)) {
      c.add(Ttlv.integer(Tag.BATCH_COUNT, batchCount));
    }
    c.addAll(otherFields);
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

  /** The same header with another Batch Count. */
  public RequestHeader withBatchCount(int n) {
    return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue,
        asynchronousIndicator, authentication, batchErrorContinuationOption, batchOrderOption, timeStamp, n,
        attestationCapableIndicator, attestationTypes, otherFields);
  }

  /** A minimal header for a client request. */
  public static RequestHeader simple(ProtocolVersion v, int batchCount) {
    return new RequestHeader(v, null, null, null, null, null, null, null, null, batchCount);
  }
}
