package io.keyfed.application;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ResultReason;

/**
 * Result Reasons as a client of a given version may receive them. KMIP 2.0 added reasons (Wrong
 * Key Lifecycle State, Object Destroyed, ...) that a 1.x client cannot decode; each has the 1.x
 * reason its cases were reported with before.
 */
public final class ResultReasons {

  private ResultReasons() {}

  public static ResultReason forVersion(ResultReason reason, KmipVersion v) {
    if (reason == null || reason.since() == null || v.atLeast(reason.since())) {
      return reason;
    }
    return switch (reason) {
      case WRONG_KEY_LIFECYCLE_STATE, INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, USAGE_LIMIT_EXCEEDED, SENSITIVE ->
          ResultReason.PERMISSION_DENIED;
      case OBJECT_DESTROYED, OBJECT_NOT_FOUND, INVALID_ASYNCHRONOUS_CORRELATION_VALUE -> ResultReason.ITEM_NOT_FOUND;
      case WRAPPING_OBJECT_NOT_FOUND, WRAPPING_OBJECT_DESTROYED -> ResultReason.ITEM_NOT_FOUND;
      case WRAPPING_OBJECT_ARCHIVED -> ResultReason.OBJECT_ARCHIVED;
      case INVALID_CSR, INVALID_OBJECT_TYPE, ILLEGAL_OBJECT_TYPE -> ResultReason.INVALID_FIELD;
      case KEY_WRAP_TYPE_NOT_SUPPORTED -> ResultReason.FEATURE_NOT_SUPPORTED;
      default -> ResultReason.GENERAL_FAILURE;
    };
  }
}
