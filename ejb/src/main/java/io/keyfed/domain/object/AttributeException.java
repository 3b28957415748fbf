package io.keyfed.domain.object;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ResultReason;

/**
 * A refused attribute change, with the Result Reason the client's version expects. The reasons
 * depend on the operation: KMIP 2.1 §6.1 lists them per operation (Add and Set say Read Only
 * Attribute, Modify and Delete Attribute Read Only), and KMIP 1.x has fewer reasons, given per
 * operation in its Error Handling tables (1.4 §11.2 Create, §11.4 Register, §11.15 Add Attribute,
 * §11.16 Modify Attribute, §11.17 Delete Attribute; 1.0 §11.16 for Delete without an index).
 * {@link #reason} is that table.
 */
public class AttributeException extends KmipException {

  /** What went wrong. */
  public enum Problem {
    /** No such attribute (a tag that is a field, a name no version defines). */
    UNKNOWN,
    /** An attribute of another protocol version. */
    NOT_IN_VERSION,
    /** The object's type may not have this attribute. */
    NOT_APPLICABLE,
    /** Only the server may set, change or delete it. */
    READ_ONLY,
    /** A second value for a single-valued attribute. */
    SINGLE_VALUED,
    /** A Name another object (or this one) already has. */
    NAME_NOT_UNIQUE,
    /** An Attribute Index in an Add Attribute request (1.x). */
    INDEX_GIVEN,
    /** The object has no value of the attribute. */
    NOT_FOUND,
    /** The object has the attribute, but not the instance named (index, current value). */
    INSTANCE_NOT_FOUND,
    /** Several instances and nothing to say which (Modify without Current Attribute, Set, Adjust). */
    AMBIGUOUS,
    /** More instances than the server keeps. */
    TOO_MANY,
    /** The object's State does not allow the change ("only while in Pre-Active state"). */
    WRONG_STATE,
    /** The date has been reached ("as long as the Process Start Date has not been reached"). */
    DATE_REACHED,
    /** Adjust Attribute of a value it cannot adjust. */
    INVALID_DATA_TYPE,
    /** Adjust Attribute beyond the value's range. */
    NUMERIC_RANGE
  }

  /** The operation that asked. */
  public enum Action {
    /** Create, Register and the other operations that make an object with the client's attributes. */
    CREATE,
    ADD,
    SET,
    MODIFY,
    ADJUST,
    DELETE
  }

  private final Problem problem;

  public AttributeException(Problem problem, Action action, KmipVersion version, String message) {
    super(reason(problem, action, version), message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** The Result Reason for a problem of an action, in the client's version. */
  public static ResultReason reason(Problem p, Action a, KmipVersion v) {
    boolean v2 = v.atLeast(KmipVersion.V2_0);
    boolean creating = a == Action.CREATE;
    return switch (p) {
      case UNKNOWN, NOT_IN_VERSION -> v2 ? ResultReason.INVALID_ATTRIBUTE : ResultReason.INVALID_FIELD;
      case NOT_APPLICABLE -> v2 ? ResultReason.INVALID_ATTRIBUTE : creating ? ResultReason.INVALID_FIELD : ResultReason.PERMISSION_DENIED;
      case READ_ONLY -> v2
          ? (a == Action.ADD || a == Action.SET || a == Action.ADJUST ? ResultReason.READ_ONLY_ATTRIBUTE : ResultReason.ATTRIBUTE_READ_ONLY)
          : creating ? ResultReason.INVALID_FIELD : ResultReason.PERMISSION_DENIED;
      case SINGLE_VALUED -> v2 ? ResultReason.ATTRIBUTE_SINGLE_VALUED : creating ? ResultReason.INVALID_FIELD : ResultReason.ILLEGAL_OPERATION;
      case NAME_NOT_UNIQUE -> v2 ? ResultReason.NON_UNIQUE_NAME_ATTRIBUTE : creating ? ResultReason.INVALID_FIELD : ResultReason.ILLEGAL_OPERATION;
      case INDEX_GIVEN -> ResultReason.INVALID_FIELD;
      case NOT_FOUND -> v2 ? ResultReason.ATTRIBUTE_NOT_FOUND : a == Action.MODIFY ? ResultReason.INVALID_FIELD : ResultReason.ITEM_NOT_FOUND;
      case INSTANCE_NOT_FOUND -> v2 ? ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND;
      case AMBIGUOUS -> v2
          ? (a == Action.SET || a == Action.ADJUST ? ResultReason.MULTI_VALUED_ATTRIBUTE : ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND)
          : ResultReason.INVALID_FIELD;
      case TOO_MANY -> v2 ? ResultReason.SERVER_LIMIT_EXCEEDED : ResultReason.INDEX_OUT_OF_BOUNDS;
      case WRONG_STATE -> v2 ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED;
      case DATE_REACHED -> ResultReason.PERMISSION_DENIED;
      case INVALID_DATA_TYPE -> v2 ? ResultReason.INVALID_DATA_TYPE : ResultReason.INVALID_FIELD;
      case NUMERIC_RANGE -> v2 ? ResultReason.NUMERIC_RANGE : ResultReason.INVALID_FIELD;
    };
  }
}
