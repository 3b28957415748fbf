package io.keyfed.kmip.ttlv;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipEnum;
import io.keyfed.kmip.spec.Tag;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One TTLV item: a tag, an item type and a value. A Structure's value is the ordered list of its
 * children. Tags are kept as raw ints so that tags this server does not know (vendor extensions,
 * 0x54xxxx) travel through unchanged.
 *
 * <p>Values by item type: Integer and Enumeration as {@code int} (an Enumeration is an unsigned
 * 32-bit value; vendor values above 0x7FFFFFFF read back as negative ints, which is lossless),
 * Long Integer as {@code long}, Big Integer as {@link BigInteger}, Boolean as {@code boolean},
 * Text String as {@link String}, Byte String as {@code byte[]}, Date-Time as seconds since the
 * epoch, Interval as unsigned 32-bit seconds in a {@code long}, Date-Time Extended as microseconds
 * since the epoch.
 *
 * <p>Immutable: byte strings are copied in and out, child lists are unmodifiable.
 */
public final class Ttlv {

  private final int tag;
  private final ItemType type;
  private final Object value;

  private Ttlv(int tag, ItemType type, Object value) {
    this.tag = tag;
    this.type = Objects.requireNonNull(type, "type");
    this.value = Objects.requireNonNull(value, "value");
  }

  // ---- factories -------------------------------------------------------------------------

  public static Ttlv structure(int tag, List<Ttlv> children) {
    return new Ttlv(tag, ItemType.STRUCTURE, List.copyOf(children));
  }

  public static Ttlv structure(Tag tag, List<Ttlv> children) {
    return structure(tag.value(), children);
  }

  public static Ttlv structure(Tag tag, Ttlv... children) {
    return structure(tag.value(), Arrays.asList(children));
  }

  public static Ttlv integer(int tag, int v) {
    return new Ttlv(tag, ItemType.INTEGER, v);
  }

  public static Ttlv integer(Tag tag, int v) {
    return integer(tag.value(), v);
  }

  public static Ttlv longInteger(int tag, long v) {
    return new Ttlv(tag, ItemType.LONG_INTEGER, v);
  }

  public static Ttlv longInteger(Tag tag, long v) {
    return longInteger(tag.value(), v);
  }

  public static Ttlv bigInteger(int tag, BigInteger v) {
    return new Ttlv(tag, ItemType.BIG_INTEGER, v);
  }

  public static Ttlv bigInteger(Tag tag, BigInteger v) {
    return bigInteger(tag.value(), v);
  }

  public static Ttlv enumeration(int tag, int v) {
    return new Ttlv(tag, ItemType.ENUMERATION, v);
  }

  public static Ttlv enumeration(Tag tag, int v) {
    return enumeration(tag.value(), v);
  }

  public static Ttlv enumeration(Tag tag, KmipEnum v) {
    return enumeration(tag.value(), v.value());
  }

  public static Ttlv bool(int tag, boolean v) {
    return new Ttlv(tag, ItemType.BOOLEAN, v);
  }

  public static Ttlv bool(Tag tag, boolean v) {
    return bool(tag.value(), v);
  }

  public static Ttlv text(int tag, String v) {
    return new Ttlv(tag, ItemType.TEXT_STRING, v);
  }

  public static Ttlv text(Tag tag, String v) {
    return text(tag.value(), v);
  }

  public static Ttlv bytes(int tag, byte[] v) {
    return new Ttlv(tag, ItemType.BYTE_STRING, v.clone());
  }

  public static Ttlv bytes(Tag tag, byte[] v) {
    return bytes(tag.value(), v);
  }

  /** A Date-Time: seconds since 1970-01-01T00:00:00Z. */
  public static Ttlv dateTime(int tag, long epochSeconds) {
    return new Ttlv(tag, ItemType.DATE_TIME, epochSeconds);
  }

  public static Ttlv dateTime(Tag tag, Instant instant) {
    return dateTime(tag.value(), instant.getEpochSecond());
  }

  /** An Interval: unsigned 32-bit seconds. */
  public static Ttlv interval(int tag, long seconds) {
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Interval out of range: " + seconds);
    }
    return new Ttlv(tag, ItemType.INTERVAL, seconds);
  }

  public static Ttlv interval(Tag tag, long seconds) {
    return interval(tag.value(), seconds);
  }

  /** A Date-Time Extended (KMIP 2.0+): microseconds since the epoch. */
  public static Ttlv dateTimeExtended(int tag, long epochMicros) {
    return new Ttlv(tag, ItemType.DATE_TIME_EXTENDED, epochMicros);
  }

  /**
   * A KMIP 3.0 (draft) Identifier, Reference or Name Reference item. The XML and JSON encodings
   * carry them as text, as the 3.0 test cases write them; their TTLV encoding is not implemented
   * (the reader refuses the type codes, the writer refuses the items).
   */
  public static Ttlv identifier(int tag, ItemType type, String v) {
    if (type != ItemType.IDENTIFIER && type != ItemType.REFERENCE && type != ItemType.NAME_REFERENCE) {
      throw new IllegalArgumentException("not an Identifier, Reference or Name Reference: " + type);
    }
    return new Ttlv(tag, type, v);
  }

  /** Package-private: the reader has already validated and owns the array. */
  static Ttlv ofTrusted(int tag, ItemType type, Object value) {
    return new Ttlv(tag, type, value);
  }

  /** The same value under another tag (KMIP 1.x Attribute Value ⇄ the 2.x attribute tag). */
  public Ttlv retag(int newTag) {
    return newTag == tag ? this : new Ttlv(newTag, type, value);
  }

  public Ttlv retag(Tag newTag) {
    return retag(newTag.value());
  }

  // ---- accessors -------------------------------------------------------------------------

  public int tag() {
    return tag;
  }

  public boolean is(Tag t) {
    return tag == t.value();
  }

  /** The tag's name in the KMIP XML encoding, or {@code 0x42xxxx} hex for unknown tags. */
  public String tagName() {
    Tag t = Tag.fromValue(tag);
    return t != null ? t.xmlName() : String.format("0x%06X", tag);
  }

  public ItemType type() {
    return type;
  }

  public boolean isStructure() {
    return type == ItemType.STRUCTURE;
  }

  /** The value as its Java representation (see the class comment); byte strings are copied. */
  public Object value() {
    return value instanceof byte[] b ? b.clone() : value;
  }

  @SuppressWarnings("unchecked")
  public List<Ttlv> children() {
    expect(ItemType.STRUCTURE);
    return (List<Ttlv>) value;
  }

  /** The first child with this tag, or null. */
  public Ttlv child(int childTag) {
    for (Ttlv c : children()) {
      if (c.tag == childTag) {
        return c;
      }
    }
    return null;
  }

  public Ttlv child(Tag childTag) {
    return child(childTag.value());
  }

  /** Every child with this tag, in order. */
  public List<Ttlv> children(Tag childTag) {
    List<Ttlv> out = new ArrayList<>(2);
    for (Ttlv c : children()) {
      if (c.tag == childTag.value()) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  public int asInt() {
    if (type != ItemType.INTEGER && type != ItemType.ENUMERATION) {
      throw wrongType("Integer or Enumeration");
    }
    return (Integer) value;
  }

  public long asLong() {
    return switch (type) {
      case LONG_INTEGER, DATE_TIME, INTERVAL, DATE_TIME_EXTENDED -> (Long) value;
      case INTEGER -> (Integer) value;
      case ENUMERATION -> Integer.toUnsignedLong((Integer) value);
      default -> throw wrongType("a numeric type");
    };
  }

  public BigInteger asBigInteger() {
    expect(ItemType.BIG_INTEGER);
    return (BigInteger) value;
  }

  public boolean asBoolean() {
    expect(ItemType.BOOLEAN);
    return (Boolean) value;
  }

  /** A Text String, or the text of a KMIP 3.0 Identifier, Reference or Name Reference. */
  public String asText() {
    if (type != ItemType.IDENTIFIER && type != ItemType.REFERENCE && type != ItemType.NAME_REFERENCE) {
      expect(ItemType.TEXT_STRING);
    }
    return (String) value;
  }

  public byte[] asBytes() {
    expect(ItemType.BYTE_STRING);
    return ((byte[]) value).clone();
  }

  /** Package-private zero-copy access for the writer. */
  byte[] bytesNoCopy() {
    return (byte[]) value;
  }

  /** A Date-Time or Date-Time Extended as an Instant. */
  public Instant asInstant() {
    if (type == ItemType.DATE_TIME) {
      return Instant.ofEpochSecond((Long) value);
    }
    if (type == ItemType.DATE_TIME_EXTENDED) {
      long micros = (Long) value;
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    throw wrongType("Date-Time");
  }

  private void expect(ItemType t) {
    if (type != t) {
      throw wrongType(t.xmlName());
    }
  }

  private IllegalStateException wrongType(String wanted) {
    return new IllegalStateException(tagName() + " is a " + type.xmlName() + ", not " + wanted);
  }

  // ---- value semantics -------------------------------------------------------------------

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Ttlv other) || tag != other.tag || type != other.type) {
      return false;
    }
    if (value instanceof byte[] a) {
      return Arrays.equals(a, (byte[]) other.value);
    }
    return value.equals(other.value);
  }

  @Override
  public int hashCode() {
    int h = 31 * tag + type.hashCode();
    return 31 * h + (value instanceof byte[] a ? Arrays.hashCode(a) : value.hashCode());
  }

  /**
   * A short, single-line rendering for diagnostics. Byte strings are shown by length only,
   * never by content: they may be key material.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    render(sb);
    return sb.toString();
  }

  private void render(StringBuilder sb) {
    sb.append(tagName());
    switch (type) {
      case STRUCTURE -> {
        sb.append('{');
        List<Ttlv> cs = children();
        for (int i = 0; i < cs.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          cs.get(i).render(sb);
        }
        sb.append('}');
      }
      case BYTE_STRING -> sb.append("=<").append(((byte[]) value).length).append(" bytes>");
      case TEXT_STRING, IDENTIFIER, REFERENCE, NAME_REFERENCE -> sb.append("=\"").append(value).append('"');
      default -> sb.append('=').append(value);
    }
  }

  /** Text-string content as UTF-8 bytes (used by the writer and for size estimates). */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
