package io.keyfed.kmip.ttlv;

import io.keyfed.kmip.spec.ResultReason;

/**
 * Malformed TTLV. Each {@link Problem} is one guard of the reader and maps to exactly one KMIP
 * Result Reason; the byte offset says where in the input the guard fired.
 */
public final class TtlvException extends Exception {

  /** The guards of the reader (and the writer's refusals), each with its Result Reason. */
  public enum Problem {
    /** Fewer bytes than an item header or a declared length needs. */
    TRUNCATED(ResultReason.INVALID_MESSAGE),
    /** Declared message length above {@link TtlvLimits#maxMessageBytes()}. */
    MESSAGE_TOO_LARGE(ResultReason.INVALID_MESSAGE),
    /** Nesting deeper than {@link TtlvLimits#maxDepth()}. */
    TOO_DEEP(ResultReason.INVALID_MESSAGE),
    /** A child item claims more bytes than remain in its parent structure. */
    CHILD_OVERRUNS_PARENT(ResultReason.INVALID_MESSAGE),
    /** Bytes left over after the top-level item, or inside a structure after its last child. */
    TRAILING_BYTES(ResultReason.INVALID_MESSAGE),
    /** An item type byte the specification does not define. */
    UNKNOWN_ITEM_TYPE(ResultReason.INVALID_MESSAGE),
    /** A fixed-size type with the wrong length, or a Big Integer not a multiple of 8 bytes. */
    BAD_LENGTH(ResultReason.INVALID_MESSAGE),
    /** Padding bytes that are not zero. */
    NON_ZERO_PADDING(ResultReason.INVALID_MESSAGE),
    /** A Text String that is not valid UTF-8. */
    INVALID_UTF8(ResultReason.INVALID_MESSAGE),
    /** A Boolean other than 0 or 1. */
    BAD_BOOLEAN(ResultReason.INVALID_MESSAGE),
    /** A value that cannot be encoded (e.g. negative Interval). */
    BAD_VALUE(ResultReason.INVALID_FIELD);

    private final ResultReason resultReason;

    Problem(ResultReason resultReason) {
      this.resultReason = resultReason;
    }

    public ResultReason resultReason() {
      return resultReason;
    }
  }

  private final Problem problem;
  private final long offset;
  private final String detail;

  public TtlvException(Problem problem, long offset, String detail) {
    // No stack trace: a guard fires on every malformed message a peer sends, and the offset says
    // where; filling in stacks would make hostile input cheap to send and dear to refuse.
    super(detail + " at byte " + offset, null, false, false);
    this.problem = problem;
    this.offset = offset;
    this.detail = detail;
  }

  /** The message without its position, for callers that state the position their own way. */
  public String detail() {
    return detail;
  }

  public Problem problem() {
    return problem;
  }

  /** Offset in the input where the problem was found. */
  public long offset() {
    return offset;
  }

  public ResultReason resultReason() {
    return problem.resultReason();
  }
}
