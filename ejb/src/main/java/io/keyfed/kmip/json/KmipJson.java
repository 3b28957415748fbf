package io.keyfed.kmip.json;

import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_NUMBER;
import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_TAG;
import static io.keyfed.kmip.text.KmipTextException.Problem.MISSING_VALUE;
import static io.keyfed.kmip.text.KmipTextException.Problem.TOO_DEEP;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNEXPECTED_CONTENT;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNKNOWN_TAG;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNKNOWN_TYPE;

import io.keyfed.kmip.json.Json.Kind;
import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.text.TextValues;
import io.keyfed.kmip.text.ValueException;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvLimits;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Ttlv} ⇄ the KMIP JSON encoding (KMIP Additional Message Encodings v1.0 §4.1). Each item
 * is an object with three members:
 *
 * <pre>
 * {"tag": "RequestMessage", "value": [
 *   {"tag": "RequestHeader", "value": [
 *     {"tag": "ProtocolVersion", "value": [
 *       {"tag": "ProtocolVersionMajor", "type": "Integer", "value": 1}, ...
 * </pre>
 *
 * <ul>
 *   <li>{@code tag}: the tag's XML name ({@link Tag#xmlName()}), or {@code "0x540001"} for a tag
 *       the tables do not know (read: either form for any tag);
 *   <li>{@code type}: the item type's XML name; omitted for a Structure;
 *   <li>{@code value}: a Structure's children as an array; Integer, Interval and Long Integer as
 *       JSON numbers (a Long Integer beyond ±2<sup>52</sup> as a {@code "0x..."} hex string, as
 *       JSON numbers are doubles to many readers); a mask Integer as a string of names joined by
 *       {@code |}; Boolean as true/false; Big Integer as a {@code "0x..."} hex string of the TTLV
 *       value bytes; everything else as the string {@link TextValues} describes (enumeration
 *       names, hex byte strings, ISO-8601 date-times). Read: numbers where a number may stand,
 *       and every string form of {@link TextValues} (hex for any number, names or hex for
 *       enumerations and masks, masks separated by {@code |} or spaces).
 * </ul>
 *
 * <p>A KMIP 1.x Attribute Value takes the enumeration or mask of the attribute its sibling
 * Attribute Name names, as in XML. {@link #readAll} also takes a top-level array of items and
 * {@link #writeAll} writes one when there are several.
 *
 * <p>The reader is strict and bounded (see {@link Json}): unknown or duplicate members, a missing
 * tag or value, a value of the wrong JSON kind, all are {@link KmipTextException}s with line,
 * column and character offset, answered with Result Reason Invalid Message. Thread-safe.
 */
public final class KmipJson {

  /** 64 Mi characters: JSON is several times larger than TTLV's 8 MiB message limit. */
  public static final int DEFAULT_MAX_CHARS = 64 * 1024 * 1024;

  /** Long Integers with a magnitude below this are written as JSON numbers. */
  private static final long SAFE_NUMBER = 1L << 52;

  private final int maxChars;
  private final int maxDepth;

  public KmipJson() {
    this(DEFAULT_MAX_CHARS, TtlvLimits.DEFAULT.maxDepth());
  }

  /**
   * @param maxChars longest input accepted, in characters
   * @param maxDepth deepest item nesting accepted (an item's array of children is not a level)
   */
  public KmipJson(int maxChars, int maxDepth) {
    if (maxChars < 1 || maxDepth < 1 || maxDepth > TtlvLimits.MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("limits out of range");
    }
    this.maxChars = maxChars;
    this.maxDepth = maxDepth;
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Reads a JSON text that is one item object. */
  public Ttlv read(String json) throws KmipTextException {
    Json.Value v = Json.parse(json, maxChars, jsonDepth());
    if (v.kind != Kind.OBJECT) {
      throw error(UNEXPECTED_CONTENT, v, "expected an item object {\"tag\": ..., \"value\": ...}, found " + v.describe());
    }
    return item(v, null, 1);
  }

  /** Reads one item object, or an array of them. */
  public List<Ttlv> readAll(String json) throws KmipTextException {
    Json.Value v = Json.parse(json, maxChars, jsonDepth() + 1);
    if (v.kind == Kind.OBJECT) {
      return List.of(item(v, null, 1));
    }
    if (v.kind != Kind.ARRAY) {
      throw error(UNEXPECTED_CONTENT, v, "expected an item object or an array of them, found " + v.describe());
    }
    List<Ttlv> out = new ArrayList<>(v.elements.size());
    for (Json.Value e : v.elements) {
      if (e.kind != Kind.OBJECT) {
        throw error(UNEXPECTED_CONTENT, e, "expected an item object, found " + e.describe());
      }
      out.add(item(e, null, 1));
    }
    return out;
  }

  /** An item is an object and its children an array: two JSON levels per item level. */
  private int jsonDepth() {
    return 2 * maxDepth;
  }

  private Ttlv item(Json.Value o, String siblingAttributeName, int depth) throws KmipTextException {
    if (depth > maxDepth) {
      throw error(TOO_DEEP, o, "items nested deeper than " + maxDepth);
    }
    for (String k : o.members.keySet()) {
      if (!k.equals("tag") && !k.equals("type") && !k.equals("value")) {
        throw error(UNEXPECTED_CONTENT, o, "unknown member \"" + shorten(k) + "\" (an item has only tag, type and value)");
      }
    }
    Json.Value tagV = o.members.get("tag");
    if (tagV == null) {
      throw error(MISSING_VALUE, o, "an item needs a \"tag\"");
    }
    String tagName = string(tagV, "\"tag\"");
    int tag = tagOf(tagV, tagName);
    ItemType type = ItemType.STRUCTURE;
    Json.Value typeV = o.members.get("type");
    if (typeV != null) {
      String typeName = string(typeV, "\"type\"");
      type = ItemType.fromXmlName(typeName);
      if (type == null) {
        throw error(UNKNOWN_TYPE, typeV, "\"" + shorten(typeName) + "\" is not a KMIP item type");
      }
    }
    Json.Value value = o.members.get("value");
    if (value == null) {
      throw error(MISSING_VALUE, o, tagName + ": an item needs a \"value\"");
    }
    if (type == ItemType.STRUCTURE) {
      if (value.kind != Kind.ARRAY) {
        throw error(UNEXPECTED_CONTENT, value, tagName + " is a Structure: its value is an array of items, not " + value.describe());
      }
      String attributeName = null;
      for (Json.Value c : value.elements) {
        if (c.kind == Kind.OBJECT && isAttributeName(c)) {
          attributeName = c.members.get("value").text;
          break;
        }
      }
      List<Ttlv> children = new ArrayList<>(value.elements.size());
      for (Json.Value c : value.elements) {
        if (c.kind != Kind.OBJECT) {
          throw error(UNEXPECTED_CONTENT, c, "expected an item object in " + tagName + ", found " + c.describe());
        }
        children.add(item(c, attributeName, depth + 1));
      }
      return Ttlv.structure(tag, children);
    }
    EnumInfo info = TextValues.enumerationFor(tag, siblingAttributeName);
    String text = switch (value.kind) {
      case STRING -> value.text;
      case NUMBER -> {
        if (type != ItemType.INTEGER && type != ItemType.LONG_INTEGER && type != ItemType.INTERVAL
            && type != ItemType.BIG_INTEGER) {
          throw error(UNEXPECTED_CONTENT, value, tagName + ": a " + type.xmlName() + " value is not written as a number");
        }
        if (!value.text.matches("-?\\d+")) {
          throw error(BAD_NUMBER, value, tagName + ": " + shorten(value.text) + " is not a whole number");
        }
        if (type == ItemType.BIG_INTEGER) {
          yield "0x" + TextValues.hex(TextValues.bigIntegerBytes(new BigInteger(value.text)));
        }
        yield value.text;
      }
      case TRUE, FALSE -> {
        if (type != ItemType.BOOLEAN) {
          throw error(UNEXPECTED_CONTENT, value, tagName + ": a " + type.xmlName() + " value is not written as a boolean");
        }
        yield value.kind == Kind.TRUE ? "true" : "false";
      }
      default -> throw error(UNEXPECTED_CONTENT, value, tagName + ": a " + type.xmlName() + " value cannot be " + value.describe());
    };
    if (type == ItemType.BOOLEAN && value.kind == Kind.STRING) {
      throw error(UNEXPECTED_CONTENT, value, tagName + ": a Boolean is written true or false, not as a string");
    }
    try {
      return TextValues.parse(tag, type, text, info);
    } catch (ValueException e) {
      throw error(e.problem(), value, tagName + " (" + type.xmlName() + "): " + e.getMessage());
    }
  }

  private static boolean isAttributeName(Json.Value c) {
    Json.Value t = c.members.get("tag");
    Json.Value ty = c.members.get("type");
    Json.Value v = c.members.get("value");
    return t != null && t.kind == Kind.STRING && t.text.equals(Tag.ATTRIBUTE_NAME.xmlName())
        && ty != null && ty.kind == Kind.STRING && ty.text.equals(ItemType.TEXT_STRING.xmlName())
        && v != null && v.kind == Kind.STRING;
  }

  private static int tagOf(Json.Value at, String name) throws KmipTextException {
    if (name.startsWith("0x") || name.startsWith("0X")) {
      if (!name.matches("0[xX][0-9A-Fa-f]{6}")) {
        throw error(BAD_TAG, at, "\"" + shorten(name) + "\" is not 0x and six hex digits");
      }
      return Integer.parseInt(name.substring(2), 16);
    }
    Tag t = Tag.fromXmlName(name);
    if (t == null) {
      throw error(UNKNOWN_TAG, at, "\"" + shorten(name) + "\" is not a KMIP tag (write unknown tags as \"0x54xxxx\")");
    }
    return t.value();
  }

  private static String string(Json.Value v, String what) throws KmipTextException {
    if (v.kind != Kind.STRING) {
      throw error(UNEXPECTED_CONTENT, v, what + " must be a string, not " + v.describe());
    }
    return v.text;
  }

  private static KmipTextException error(KmipTextException.Problem p, Json.Value at, String detail) {
    return new KmipTextException(p, at.line, at.column, at.offset, detail);
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Writes one item, indented by two spaces per level; primitive items on one line each. */
  public String write(Ttlv item) {
    StringBuilder sb = new StringBuilder(256);
    writeItem(sb, item, 0, null);
    sb.append('\n');
    return sb.toString();
  }

  /** One item as {@link #write}; any other number as an array of them. */
  public String writeAll(List<Ttlv> items) {
    if (items.size() == 1) {
      return write(items.get(0));
    }
    StringBuilder sb = new StringBuilder(256 * (items.size() + 1));
    sb.append("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "\n" : ",\n");
      indent(sb, 1);
      writeItem(sb, items.get(i), 1, null);
    }
    sb.append(items.isEmpty() ? "]\n" : "\n]\n");
    return sb.toString();
  }

  private static void writeItem(StringBuilder sb, Ttlv t, int level, String siblingAttributeName) {
    Tag known = Tag.fromValue(t.tag());
    sb.append("{\"tag\": ");
    quote(sb, known != null ? known.xmlName() : String.format("0x%06X", t.tag()));
    if (t.type() == ItemType.STRUCTURE) {
      List<Ttlv> children = t.children();
      if (children.isEmpty()) {
        sb.append(", \"value\": []}");
        return;
      }
      sb.append(", \"value\": [");
      String attributeName = TextValues.attributeName(children);
      for (int i = 0; i < children.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n");
        indent(sb, level + 1);
        writeItem(sb, children.get(i), level + 1, attributeName);
      }
      sb.append('\n');
      indent(sb, level);
      sb.append("]}");
      return;
    }
    sb.append(", \"type\": ");
    quote(sb, t.type().xmlName());
    sb.append(", \"value\": ");
    EnumInfo info = TextValues.enumerationFor(t.tag(), siblingAttributeName);
    switch (t.type()) {
      case INTEGER -> {
        if (info != null && info.mask()) {
          quote(sb, TextValues.format(t, info, "|"));
        } else {
          sb.append(t.asInt());
        }
      }
      case INTERVAL -> sb.append(t.asLong());
      case LONG_INTEGER -> {
        long v = t.asLong();
        if (v > -SAFE_NUMBER && v < SAFE_NUMBER) {
          sb.append(v);
        } else {
          quote(sb, String.format("0x%016X", v));
        }
      }
      case BOOLEAN -> sb.append(t.asBoolean());
      case BIG_INTEGER -> quote(sb, "0x" + TextValues.format(t, info, "|"));
      default -> quote(sb, TextValues.format(t, info, "|"));
    }
    sb.append('}');
  }

  private static void indent(StringBuilder sb, int level) {
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || (Character.isSurrogate(c) && !validPair(s, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
