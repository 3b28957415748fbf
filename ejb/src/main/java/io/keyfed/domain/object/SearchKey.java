package io.keyfed.domain.object;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * What the database can compare of an attribute value, stored beside it in KF_ATTRIBUTE so that
 * Locate filters in SQL: a text (a Text String value, or the main text field of a Name, Alternative
 * Name, Link or Application Specific Information) and a number (an Integer, Long Integer,
 * Enumeration, Interval, Boolean as 0/1, a Date-Time in seconds or a Date-Time Extended in
 * microseconds, or the type field of a Name, Alternative Name or Link). Either may be null; a text
 * longer than {@link #TEXT_MAX} is not kept and is compared in memory.
 */
public record SearchKey(String text, Long number) {

  /** Longest text kept for searching (the SEARCH_TEXT column). */
  public static final int TEXT_MAX = 512;

  public static SearchKey of(Ttlv value) {
    return switch (value.type()) {
      case STRUCTURE -> ofStructure(value);
      case TEXT_STRING -> new SearchKey(fit(value.asText()), null);
      case INTEGER, ENUMERATION, LONG_INTEGER, INTERVAL, DATE_TIME, DATE_TIME_EXTENDED -> new SearchKey(null, value.asLong());
      case BOOLEAN -> new SearchKey(null, value.asBoolean() ? 1L : 0L);
      default -> new SearchKey(null, null);
    };
  }

  private static SearchKey ofStructure(Ttlv s) {
    Tag text;
    Tag number;
    if (s.is(Tag.NAME)) {
      text = Tag.NAME_VALUE;
      number = Tag.NAME_TYPE;
    } else if (s.is(Tag.ALTERNATIVE_NAME)) {
      text = Tag.ALTERNATIVE_NAME_VALUE;
      number = Tag.ALTERNATIVE_NAME_TYPE;
    } else if (s.is(Tag.LINK)) {
      text = Tag.LINKED_OBJECT_IDENTIFIER;
      number = Tag.LINK_TYPE;
    } else if (s.is(Tag.APPLICATION_SPECIFIC_INFORMATION)) {
      text = Tag.APPLICATION_NAMESPACE;
      number = null;
    } else {
      return new SearchKey(null, null);
    }
    Ttlv t = s.child(text);
    Ttlv n = number == null ? null : s.child(number);
    return new SearchKey(
        t != null && t.type() == ItemType.TEXT_STRING ? fit(t.asText()) : null,
        n != null && n.type() == ItemType.ENUMERATION ? n.asLong() : null);
  }

  /** The tags of the structure fields that {@link #text} and {@link #number} stand for, or null. */
  static Tag[] fieldsOf(Ttlv structure) {
    if (structure.is(Tag.NAME)) {
      return new Tag[] {Tag.NAME_VALUE, Tag.NAME_TYPE};
    }
    if (structure.is(Tag.ALTERNATIVE_NAME)) {
      return new Tag[] {Tag.ALTERNATIVE_NAME_VALUE, Tag.ALTERNATIVE_NAME_TYPE};
    }
    if (structure.is(Tag.LINK)) {
      return new Tag[] {Tag.LINKED_OBJECT_IDENTIFIER, Tag.LINK_TYPE};
    }
    if (structure.is(Tag.APPLICATION_SPECIFIC_INFORMATION)) {
      return new Tag[] {Tag.APPLICATION_NAMESPACE, null};
    }
    return null;
  }

  private static String fit(String s) {
    return s.length() > TEXT_MAX ? null : s;
  }
}
