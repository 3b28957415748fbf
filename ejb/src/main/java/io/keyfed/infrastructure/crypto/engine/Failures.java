package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;

/**
 * The engine's failures as KMIP Result Reasons, in one place so that every class words them the
 * same way. Messages name the parameter at fault and never carry key material or data.
 */
final class Failures {

  private Failures() {}

  /** Bad tag, bad padding, wrong key for the data, too few split key parts. */
  static KmipException cryptographicFailure(String msg) {
    return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, msg);
  }

  /** Parameters that do not fit the key, the algorithm or each other. */
  static KmipException invalidField(String msg) {
    return KmipException.invalidField(msg);
  }

  /** A valid KMIP value this engine does not implement. */
  static KmipException featureNotSupported(String msg) {
    return KmipException.featureNotSupported(msg);
  }

  static KmipException keyFormatTypeNotSupported(String msg) {
    return new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, msg);
  }

  /**
   * Decrypt without an IV/Counter/Nonce for a mode that needs one. Invalid Message, with the
   * Result Message "missing-iv", is what the OASIS test cases CS-BC-M-11 and CS-BC-M-13 (1.4 to
   * 2.1) expect; 2.0 added Missing Initialization Vector, but the 2.x test cases kept the old
   * reason.
   */
  static KmipException missingIv() {
    return new KmipException(ResultReason.INVALID_MESSAGE, "missing-iv");
  }

  /**
   * An authentication tag length the mode cannot produce. The OASIS test cases CS-BC-M-GCM-1 and
   * CS-BC-M-CHACHA20POLY1305-1 (1.4 to 2.1) expect General Failure here, not Invalid Field.
   */
  static KmipException invalidTagLength(int bytes) {
    return new KmipException(ResultReason.GENERAL_FAILURE, "invalid-tag-length: " + bytes + " bytes");
  }

  /** A Correlation Value that names no stream open for this operation and object. */
  static KmipException unknownCorrelationValue() {
    return KmipException.invalidField("the Correlation Value names no open stream of this operation and object"
        + " (unknown, finished or expired)");
  }

  /** More state than the server keeps; maps to General Failure for 1.x clients. */
  static KmipException serverLimit(String msg) {
    return new KmipException(ResultReason.SERVER_LIMIT_EXCEEDED, msg);
  }
}
