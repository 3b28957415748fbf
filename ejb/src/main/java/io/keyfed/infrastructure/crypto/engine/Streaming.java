package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * Where a request stands in a streamed ("by-parts") cryptographic operation (KMIP 1.3+ §4.29–4.35,
 * 2.1 §6.1.13 ff.): the request payload's Correlation Value, Init Indicator and Final Indicator.
 *
 * <ul>
 *   <li>none of them: a one-shot operation;
 *   <li>Init Indicator true: the first part; the response carries a new Correlation Value;
 *   <li>Correlation Value: a later part; with Final Indicator true, the last one;
 *   <li>Init and Final Indicator both true: a one-shot operation.
 * </ul>
 *
 * <p>A Correlation Value together with Init Indicator true, or a Final Indicator without a stream
 * to finish, is Invalid Field.
 */
public record Streaming(byte[] correlationValue, boolean initIndicator, boolean finalIndicator) {

  public static final Streaming ONE_SHOT = new Streaming(null, false, false);

  public Streaming {
    correlationValue = correlationValue == null ? null : correlationValue.clone();
    if (correlationValue != null && initIndicator) {
      throw KmipException.invalidField("Init Indicator true together with a Correlation Value");
    }
    if (correlationValue == null && !initIndicator && finalIndicator) {
      throw KmipException.invalidField("Final Indicator without a Correlation Value of the stream to finish");
    }
  }

  /** The three fields of a request payload (Encrypt, Decrypt, Sign, Signature Verify, MAC, MAC Verify, Hash). */
  public static Streaming decode(Ttlv requestPayload) {
    Ttlv cv = requestPayload.child(Tag.CORRELATION_VALUE);
    Boolean init = Fields.optionalBool(requestPayload, Tag.INIT_INDICATOR);
    Boolean fin = Fields.optionalBool(requestPayload, Tag.FINAL_INDICATOR);
    return new Streaming(cv == null ? null : Fields.bytes(cv), Boolean.TRUE.equals(init), Boolean.TRUE.equals(fin));
  }

  public static Streaming first() {
    return new Streaming(null, true, false);
  }

  public static Streaming next(byte[] correlationValue) {
    return new Streaming(correlationValue, false, false);
  }

  public static Streaming last(byte[] correlationValue) {
    return new Streaming(correlationValue, false, true);
  }

  /** The request opens a stream that later requests continue. */
  boolean opens() {
    return initIndicator && !finalIndicator;
  }

  /** The request continues a stream opened earlier. */
  boolean continues() {
    return correlationValue != null;
  }

  /** The request ends the operation: one-shot, or the last part of a stream. */
  boolean ends() {
    return !opens() && (correlationValue == null || finalIndicator);
  }

  @Override
  public byte[] correlationValue() {
    return correlationValue == null ? null : correlationValue.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Streaming s && java.util.Arrays.equals(correlationValue, s.correlationValue)
        && initIndicator == s.initIndicator && finalIndicator == s.finalIndicator;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(correlationValue) * 4 + (initIndicator ? 2 : 0) + (finalIndicator ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Streaming[" + (correlationValue != null ? "continue" : initIndicator ? "init" : "one-shot")
        + (finalIndicator ? ", final" : "") + "]";
  }
}
