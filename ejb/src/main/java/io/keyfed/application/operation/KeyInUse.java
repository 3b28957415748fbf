package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.CryptographicUse;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.infrastructure.crypto.engine.Streaming;
import io.keyfed.kmip.payload.StreamFields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;

/**
 * A key as a cryptographic operation (Encrypt, Decrypt, Sign, Signature Verify, MAC, MAC Verify)
 * uses it: found for the caller ({@link ObjectAccess}), allowed for this use by its State, dates
 * and Cryptographic Usage Mask ({@link CryptographicUse}), with an allocation from its Usage
 * Limits taken, and its content unsealed when the request starts an operation (a request that
 * continues a stream works on the state the engine kept, so the key is not unsealed again; its
 * State and mask are checked again all the same, so that revoking a key stops its open streams).
 *
 * @param content the key object, or null for a request that continues a stream
 */
record KeyInUse(ManagedObject object, Ttlv content, Streaming streaming) {

  static KeyInUse require(ManagedObjectRepository repository, ObjectSealer sealer, String uniqueIdentifier,
      CryptographicUse use, StreamFields stream, byte[] data, RequestContext ctx) {
    Streaming streaming = streaming(stream);
    ManagedObject o = ObjectAccess.require(repository, uniqueIdentifier, ctx);
    use.requireAllowed(o, ctx.now());
    boolean opens = streaming.correlationValue() == null;
    use.allocate(o, data == null ? 0 : data.length, opens);
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new KeyInUse(o, opens ? unseal(sealer, o) : null, streaming);
  }

  String uniqueIdentifier() {
    return object.uniqueIdentifier();
  }

  /**
   * The request's Cryptographic Parameters, each field it leaves out taken from the key's
   * Cryptographic Parameters attribute with the lowest Attribute Index (KMIP 1.4 §4.29: "If
   * omitted then the Cryptographic Parameters associated with the Managed Cryptographic Object with
   * the lowest Attribute Index SHALL be used").
   */
  CryptographicParameters parameters(Ttlv requested) {
    return parameters(requested, object.attribute(Tag.CRYPTOGRAPHIC_PARAMETERS));
  }

  static CryptographicParameters parameters(Ttlv requested, Ttlv ofKey) {
    return CryptographicParameters.decode(requested).orElse(CryptographicParameters.decode(ofKey));
  }

  /** The engine's view of the request's Correlation Value, Init and Final Indicator (Invalid Field when they contradict). */
  static Streaming streaming(StreamFields s) {
    if (s == null) {
      return Streaming.ONE_SHOT;
    }
    return new Streaming(s.correlationValue(), Boolean.TRUE.equals(s.initIndicator()), Boolean.TRUE.equals(s.finalIndicator()));
  }

  /**
   * The output Data as the response carries it: always in a one-shot response; in a part of a
   * stream only when there is some (OASIS TC-STREAM-ENCDEC-1-14 leaves Data out of a part with no
   * output yet).
   */
  static byte[] output(byte[] data, Streaming s) {
    boolean oneShot = s.correlationValue() == null && (!s.initIndicator() || s.finalIndicator());
    if (oneShot) {
      return data == null ? new byte[0] : data;
    }
    return data == null || data.length == 0 ? null : data;
  }

  static Ttlv unseal(ObjectSealer sealer, ManagedObject o) {
    try {
      return new TtlvReader().read(sealer.unseal(o.uniqueIdentifier(), o.sealedObject()));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored object " + o.uniqueIdentifier() + " is corrupt", e);
    }
  }
}
