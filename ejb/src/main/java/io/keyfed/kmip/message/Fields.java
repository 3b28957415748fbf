package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipEnum;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Typed access to the fields of a decoded structure. A field of the wrong item type or an
 * enumeration value the specification does not define is the client's error: Invalid Field (or
 * Invalid Message for a missing mandatory field), never a ClassCastException.
 */
public final class Fields {

  private Fields() {}

  public static Ttlv required(Ttlv parent, Tag tag) {
    Ttlv c = parent.child(tag);
    if (c == null) {
      throw KmipException.invalidMessage(parent.tagName() + " lacks its mandatory " + tag.xmlName());
    }
    return c;
  }

  public static Ttlv structure(Ttlv t) {
    check(t, ItemType.STRUCTURE);
    return t;
  }

  public static int integer(Ttlv t) {
    check(t, ItemType.INTEGER);
    return t.asInt();
  }

  public static long longInteger(Ttlv t) {
    check(t, ItemType.LONG_INTEGER);
    return t.asLong();
  }

  public static String text(Ttlv t) {
    check(t, ItemType.TEXT_STRING);
    return t.asText();
  }

  public static byte[] bytes(Ttlv t) {
    check(t, ItemType.BYTE_STRING);
    return t.asBytes();
  }

  public static boolean bool(Ttlv t) {
    check(t, ItemType.BOOLEAN);
    return t.asBoolean();
  }

  public static Instant dateTime(Ttlv t) {
    if (t.type() != ItemType.DATE_TIME && t.type() != ItemType.DATE_TIME_EXTENDED) {
      throw wrong(t, ItemType.DATE_TIME);
    }
    return t.asInstant();
  }

  public static long interval(Ttlv t) {
    check(t, ItemType.INTERVAL);
    return t.asLong();
  }

  /** An Enumeration decoded through the generated {@code fromValue}; unknown values are Invalid Field. */
  public static <E extends KmipEnum> E enumeration(Ttlv t, IntFunction<E> fromValue) {
    check(t, ItemType.ENUMERATION);
    E e = fromValue.apply(t.asInt());
    if (e == null) {
      throw KmipException.invalidField(String.format("%s value 0x%08X is not defined", t.tagName(), t.asInt()));
    }
    return e;
  }

  /** The raw value of an Enumeration, defined or not (an Operation this side may not know). */
  public static int enumerationValue(Ttlv t) {
    check(t, ItemType.ENUMERATION);
    return t.asInt();
  }

  /** The text of an optional child, or null. */
  public static String optionalText(Ttlv parent, Tag tag) {
    Ttlv c = parent.child(tag);
    return c == null ? null : text(c);
  }

  public static Integer optionalInteger(Ttlv parent, Tag tag) {
    Ttlv c = parent.child(tag);
    return c == null ? null : integer(c);
  }

  public static Boolean optionalBool(Ttlv parent, Tag tag) {
    Ttlv c = parent.child(tag);
    return c == null ? null : bool(c);
  }

  public static <E extends KmipEnum> E optionalEnum(Ttlv parent, Tag tag, IntFunction<E> fromValue) {
    Ttlv c = parent.child(tag);
    return c == null ? null : enumeration(c, fromValue);
  }

  /** The children whose tags are not in {@code defined}, in order (vendor extensions and the like). */
  public static List<Ttlv> others(Ttlv parent, Set<Integer> defined) {
    List<Ttlv> out = null;
    for (Ttlv c : parent.children()) {
      if (!defined.contains(c.tag())) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(c);
      }
    }
    return out == null ? List.of() : out;
  }

  private static void check(Ttlv t, ItemType want) {
    if (t.type() != want) {
      throw wrong(t, want);
    }
  }

  private static KmipException wrong(Ttlv t, ItemType want) {
    return KmipException.invalidField(t.tagName() + " must be a " + want.xmlName() + ", not a " + t.type().xmlName());
  }
}
