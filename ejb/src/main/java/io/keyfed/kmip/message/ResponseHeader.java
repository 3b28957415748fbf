package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Response Header (KMIP 1.4 §7.2, 2.1 §8.2), every field in the specification's order: Protocol
 * Version, Time Stamp, Nonce, Server Hashed Password, Attestation Type (any number), Client
 * Correlation Value, Server Correlation Value, Batch Count. Correlation values echo the request's
 * items; Nonce is kept as its raw structure. Children the header does not define are kept in
 * {@code otherFields} and written last. Batch Count as in {@link RequestHeader}: absent in KMIP 3.0.
 */
public record ResponseHeader(
    ProtocolVersion protocolVersion,
    Instant timeStamp,
    Ttlv clientCorrelationValue,
    Ttlv serverCorrelationValue,
    int batchCount,
    Ttlv nonce,
    byte[] serverHashedPassword,
    List<Integer> attestationTypes,
    List<Ttlv> otherFields) {

  private static final Set<Integer> DEFINED = Set.of(
      Tag.PROTOCOL_VERSION.value(), Tag.TIME_STAMP.value(), Tag.NONCE.value(), Tag.SERVER_HASHED_PASSWORD.value(),
      Tag.ATTESTATION_TYPE.value(), Tag.CLIENT_CORRELATION_VALUE.value(), Tag.SERVER_CORRELATION_VALUE.value(),
      Tag.BATCH_COUNT.value());

  public ResponseHeader {
    attestationTypes = attestationTypes == null ? List.of() : List.copyOf(attestationTypes);
    otherFields = otherFields == null ? List.of() : List.copyOf(otherFields);
  }

  public ResponseHeader(ProtocolVersion protocolVersion, Instant timeStamp, Ttlv clientCorrelationValue,
      Ttlv serverCorrelationValue, int batchCount) {
    this(protocolVersion, timeStamp, clientCorrelationValue, serverCorrelationValue, batchCount, null, null,
        List.of(), List.of());
  }

  public static ResponseHeader decode(Ttlv t) {
    Fields.structure(t);
    ProtocolVersion version = ProtocolVersion.decode(Fields.required(t, Tag.PROTOCOL_VERSION));
    Ttlv count = version.defines(Tag.BATCH_COUNT) ? Fields.required(t, Tag.BATCH_COUNT) : t.child(Tag.BATCH_COUNT);
    Ttlv password = t.child(Tag.SERVER_HASHED_PASSWORD);
    List<Integer> attestation = new ArrayList<>(0);
    for (Ttlv a : t.children(Tag.ATTESTATION_TYPE)) {
      attestation.add(Fields.enumerationValue(a));
    }
    return new ResponseHeader(
        version,
        Fields.dateTime(Fields.required(t, Tag.TIME_STAMP)),
        t.child(Tag.CLIENT_CORRELATION_VALUE),
        t.child(Tag.SERVER_CORRELATION_VALUE),
        count == null ? 0 : Fields.integer(count),
        t.child(Tag.NONCE),
        password == null ? null : Fields.bytes(password),
        attestation,
        Fields.others(t, DEFINED));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    c.add(protocolVersion.encode());
    c.add(Ttlv.dateTime(Tag.TIME_STAMP, timeStamp));
    if (nonce != null) {
      c.add(nonce);
    }
    if (serverHashedPassword != null) {
      c.add(Ttlv.bytes(Tag.SERVER_HASHED_PASSWORD, serverHashedPassword));
    }
    for (int a : attestationTypes) {
      c.add(Ttlv.enumeration(Tag.ATTESTATION_TYPE, a));
    }
    if (clientCorrelationValue != null) {
      c.add(clientCorrelationValue);
    }
    if (serverCorrelationValue != null) {
      c.add(serverCorrelationValue);
    }
    if (protocolVersion.defines(Tag.BATCH_COUNT)) {
      c.add(Ttlv.integer(Tag.BATCH_COUNT, batchCount));
    }
    c.addAll(otherFields);
    return Ttlv.structure(Tag.RESPONSE_HEADER, c);
  }

  /** The same header with another Batch Count. */
  public ResponseHeader withBatchCount(int n) {
    return new ResponseHeader(protocolVersion, timeStamp, clientCorrelationValue, serverCorrelationValue, n, nonce,
        serverHashedPassword, attestationTypes, otherFields);
  }
}
