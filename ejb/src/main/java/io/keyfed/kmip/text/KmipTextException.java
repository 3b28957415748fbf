package io.keyfed.kmip.text;

import io.keyfed.kmip.spec.ResultReason;

/**
 * Malformed KMIP XML or JSON. Each {@link Problem} names one kind of fault; all of them answer a
 * request with Result Reason Invalid Message, like malformed TTLV. The position is where the fault
 * was found: line and column (1-based) for both encodings, and for JSON also the character offset.
 */
public final class KmipTextException extends Exception {

  /** The kinds of fault. */
  public enum Problem {
    /** Not well-formed XML or JSON syntax. */
    NOT_WELL_FORMED,
    /** An XML document type declaration: refused, so no entity is ever declared or expanded. */
    DTD_NOT_ALLOWED,
    /** An entity reference other than the five predefined ones and character references. */
    ENTITY_NOT_ALLOWED,
    /** Input longer than the configured maximum. */
    TOO_LARGE,
    /** Items nested deeper than the configured maximum. */
    TOO_DEEP,
    /** An element or "tag" name that is no KMIP tag. */
    UNKNOWN_TAG,
    /** A {@code tag="0x..."} that is not 0x and six hex digits, or disagrees with the element name. */
    BAD_TAG,
    /** A type name that is no KMIP item type. */
    UNKNOWN_TYPE,
    /** A primitive item without a value. */
    MISSING_VALUE,
    /** Content where the encoding allows none: text, unknown attributes or keys, children of a primitive, a value on a structure. */
    UNEXPECTED_CONTENT,
    /** An enumeration or mask name that the item's enumeration does not define. */
    UNKNOWN_NAME,
    /** A number that does not parse or does not fit the item type. */
    BAD_NUMBER,
    /** Hex that is not an even number of hex digits (or too long for the item type). */
    BAD_HEX,
    /** A date-time that is not ISO-8601 with an offset, or out of range. */
    BAD_DATE,
    /** A Boolean other than true or false. */
    BAD_BOOLEAN;
  }

  private final Problem problem;
  private final int line;
  private final int column;
  private final long offset;
  private final String detail;

  /**
   * @param offset character offset from the start of the input, or -1 when only line and column
   *     are known
   */
  public KmipTextException(Problem problem, int line, int column, long offset, String detail) {
    super(position(line, column, offset) + detail);
    this.problem = problem;
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.detail = detail;
  }

  /** The message without its position, for callers that state the position their own way. */
  public String detail() {
    return detail;
  }

  private static String position(int line, int column, long offset) {
    if (line <= 0) {
      return "";
    }
    return "line " + line + ", column " + column + (offset >= 0 ? " (offset " + offset + ")" : "") + ": ";
  }

  public Problem problem() {
    return problem;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** Character offset from the start of the input, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  /** Invalid Message, for every problem. */
  public ResultReason resultReason() {
    return ResultReason.INVALID_MESSAGE;
  }
}
