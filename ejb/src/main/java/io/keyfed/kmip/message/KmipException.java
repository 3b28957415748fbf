package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.ResultReason;

/**
 * A KMIP operation failure: the Result Reason and Result Message that the response batch item
 * carries (Result Status Operation Failed). Thrown by parsers and operation handlers alike; the
 * batch loop turns it into the failed batch item. Declared an EJB application exception with
 * rollback in ejb-jar.xml, so this package stays free of jakarta imports.
 */
public class KmipException extends RuntimeException {

  private final ResultReason resultReason;

  public KmipException(ResultReason resultReason, String resultMessage) {
    super(resultMessage, null, false, false);
    this.resultReason = resultReason;
  }

  public KmipException(ResultReason resultReason, String resultMessage, Throwable cause) {
    super(resultMessage, cause, false, false);
    this.resultReason = resultReason;
  }

  public ResultReason resultReason() {
    return resultReason;
  }

  public static KmipException invalidMessage(String msg) {
    return new KmipException(ResultReason.INVALID_MESSAGE, msg);
  }

  public static KmipException invalidField(String msg) {
    return new KmipException(ResultReason.INVALID_FIELD, msg);
  }

  public static KmipException missingData(String msg) {
    return new KmipException(ResultReason.MISSING_DATA, msg);
  }

  /**
   * No Managed Object has this Unique Identifier: Object Not Found (KMIP 2.0 §11.45, 2.1 §11.46),
   * which the response turns into Item Not Found for a 1.x client (1.x has only that reason).
   */
  public static KmipException objectNotFound(String uid) {
    return new KmipException(ResultReason.OBJECT_NOT_FOUND, "no object with Unique Identifier " + uid);
  }

  public static KmipException featureNotSupported(String msg) {
    return new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, msg);
  }

  public static KmipException illegalOperation(String msg) {
    return new KmipException(ResultReason.ILLEGAL_OPERATION, msg);
  }

  public static KmipException permissionDenied(String msg) {
    return new KmipException(ResultReason.PERMISSION_DENIED, msg);
  }
}
