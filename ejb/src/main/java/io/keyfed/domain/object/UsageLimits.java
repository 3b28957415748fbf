package io.keyfed.domain.object;

import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.AttributeException.Problem;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's part of the Usage Limits attribute (KMIP 1.4 §3.21, 2.1 §4.59): a client gives
 * Usage Limits Total and Unit; the server keeps Usage Limits Count, which starts at the Total
 * ("The server SHALL ignore the Usage Limits Count value if the attribute is specified in an
 * operation that creates a new object"; "The Usage Limits Count value SHALL NOT be set or modified
 * by the client"), and once Get Usage Allocation has consumed some of it (Count below Total) the
 * attribute is neither modified nor deleted by a client.
 */
final class UsageLimits {

  private UsageLimits() {}

  static boolean is(Attribute a) {
    return a.is(Tag.USAGE_LIMITS) && a.value().isStructure();
  }

  /** A client's first value: Count set to the Total. */
  static Attribute initial(Attribute a) {
    if (!is(a)) {
      return a;
    }
    Ttlv total = a.value().child(Tag.USAGE_LIMITS_TOTAL);
    return total == null ? a : withCount(a, total.asLong());
  }

  /** A client's new value for {@code current}: its Total and Unit, the server's Count. */
  static Ttlv modified(Ttlv current, Ttlv requested, Action action, KmipVersion v) {
    requireUnused(current, action, v);
    Ttlv total = requested.child(Tag.USAGE_LIMITS_TOTAL);
    if (total == null) {
      total = current.child(Tag.USAGE_LIMITS_TOTAL);
    }
    return withCount(new Attribute(Tag.USAGE_LIMITS.specName(), requested), total == null ? 0 : total.asLong()).value();
  }

  /** Refuses a change once Get Usage Allocation has counted usage. */
  static void requireUnused(Ttlv current, Action action, KmipVersion v) {
    Ttlv total = current.child(Tag.USAGE_LIMITS_TOTAL);
    Ttlv count = current.child(Tag.USAGE_LIMITS_COUNT);
    if (total != null && count != null && count.asLong() != total.asLong()) {
      throw new AttributeException(Problem.READ_ONLY, action, v,
          "Usage Limits cannot change once Get Usage Allocation has been performed");
    }
  }

  private static Attribute withCount(Attribute a, long count) {
    List<Ttlv> c = new ArrayList<>();
    boolean placed = false;
    for (Ttlv f : a.value().children()) {
      if (f.is(Tag.USAGE_LIMITS_COUNT)) {
        continue;
      }
      c.add(f);
      if (f.is(Tag.USAGE_LIMITS_TOTAL)) {
        c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, count));
        placed = true;
      }
    }
    if (!placed) {
      c.add(0, Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, count));
    }
    return new Attribute(a.name(), Ttlv.structure(Tag.USAGE_LIMITS, c));
  }
}
