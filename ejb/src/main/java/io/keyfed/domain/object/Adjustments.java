package io.keyfed.domain.object;

import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.AttributeException.Problem;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;

/**
 * The arithmetic of Adjust Attribute (KMIP 2.1 §6.1.3, Adjustment Type §11.1): Increment and
 * Decrement apply to Integer, Long Integer, Big Integer, Interval, Date-Time and Date-Time Extended
 * (by default by 1, one second, one microsecond); Negate to Integer, Long Integer, Big Integer and
 * Boolean. A result outside the item type's range is Numeric Range; any other type Invalid Data
 * Type.
 */
final class Adjustments {

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger INTERVAL_MAX = BigInteger.valueOf(0xFFFF_FFFFL);

  private Adjustments() {}

  static Ttlv apply(Ttlv value, AdjustmentType type, Ttlv amount, KmipVersion v) {
    int tag = value.tag();
    ItemType t = value.type();
    if (type == AdjustmentType.NEGATE) {
      if (amount != null) {
        throw invalid(v, "Negate takes no Adjustment Value");
      }
      return switch (t) {
        case BOOLEAN -> Ttlv.bool(tag, !value.asBoolean());
        case INTEGER -> Ttlv.integer(tag, range(BigInteger.valueOf(value.asInt()).negate(), INT_MIN, INT_MAX, v).intValue());
        case LONG_INTEGER -> Ttlv.longInteger(tag, range(BigInteger.valueOf(value.asLong()).negate(), LONG_MIN, LONG_MAX, v).longValue());
        case BIG_INTEGER -> Ttlv.bigInteger(tag, value.asBigInteger().negate());
        default -> throw invalid(v, "Negate does not apply to a " + t.xmlName());
      };
    }
    BigInteger step = amount == null ? BigInteger.ONE : number(amount, v);
    if (type == AdjustmentType.DECREMENT) {
      step = step.negate();
    }
    return switch (t) {
      case INTEGER -> Ttlv.integer(tag, range(BigInteger.valueOf(value.asInt()).add(step), INT_MIN, INT_MAX, v).intValue());
      case LONG_INTEGER -> Ttlv.longInteger(tag, range(BigInteger.valueOf(value.asLong()).add(step), LONG_MIN, LONG_MAX, v).longValue());
      case BIG_INTEGER -> Ttlv.bigInteger(tag, value.asBigInteger().add(step));
      case INTERVAL -> Ttlv.interval(tag, range(BigInteger.valueOf(value.asLong()).add(step), BigInteger.ZERO, INTERVAL_MAX, v).longValue());
      case DATE_TIME -> Ttlv.dateTime(tag, range(BigInteger.valueOf(value.asLong()).add(step), LONG_MIN, LONG_MAX, v).longValue());
      case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, range(BigInteger.valueOf(value.asLong()).add(step), LONG_MIN, LONG_MAX, v).longValue());
      default -> throw invalid(v, type.specName() + " does not apply to a " + t.xmlName());
    };
  }

  /** The Adjustment Value as a number: an Integer, Long Integer, Big Integer or Interval. */
  private static BigInteger number(Ttlv amount, KmipVersion v) {
    return switch (amount.type()) {
      case INTEGER, LONG_INTEGER, INTERVAL -> BigInteger.valueOf(amount.asLong());
      case BIG_INTEGER -> amount.asBigInteger();
      default -> throw invalid(v, "the Adjustment Value must be a number, not a " + amount.type().xmlName());
    };
  }

  private static BigInteger range(BigInteger x, BigInteger min, BigInteger max, KmipVersion v) {
    if (x.compareTo(min) < 0 || x.compareTo(max) > 0) {
      throw new AttributeException(Problem.NUMERIC_RANGE, Action.ADJUST, v, "the adjusted value " + x + " is out of range");
    }
    return x;
  }

  private static AttributeException invalid(KmipVersion v, String message) {
    return new AttributeException(Problem.INVALID_DATA_TYPE, Action.ADJUST, v, message);
  }
}
