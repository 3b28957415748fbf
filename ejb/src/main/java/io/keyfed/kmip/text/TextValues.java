package io.keyfed.kmip.text;

import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_BOOLEAN;
import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_DATE;
import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_HEX;
import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_NUMBER;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNKNOWN_NAME;

import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Item values as text, the same for the XML and the JSON encoding (KMIP Additional Message
 * Encodings v1.0 §4.1.5 and §6.1.5), with the forms the OASIS test vectors use:
 *
 * <table>
 *   <caption>Values by item type</caption>
 *   <tr><th>type</th><th>read</th><th>written</th></tr>
 *   <tr><td>Integer</td><td>decimal, or {@code 0x} and 1-8 hex digits; for a mask also names
 *       separated by spaces or {@code |}, with hex parts for bits no name covers</td>
 *       <td>decimal; a mask as names in ascending bit order, joined by the caller's separator</td></tr>
 *   <tr><td>Long Integer</td><td>decimal, or {@code 0x} and 1-16 hex digits</td><td>decimal</td></tr>
 *   <tr><td>Big Integer</td><td>hex digits, optionally after {@code 0x}: the big-endian two's
 *       complement bytes</td><td>lower-case hex of the TTLV value bytes (sign-extended to a multiple
 *       of 8 bytes), no prefix</td></tr>
 *   <tr><td>Enumeration</td><td>a name of the item's enumeration (or an earlier spelling), or
 *       {@code 0x} and 1-8 hex digits</td><td>the name, or {@code 0x} and 8 upper-case hex digits
 *       when the value has none</td></tr>
 *   <tr><td>Boolean</td><td>{@code true}, {@code false}</td><td>the same</td></tr>
 *   <tr><td>Text String (and the KMIP 3.0 Identifier, Reference, Name Reference)</td><td>as is</td>
 *       <td>as is</td></tr>
 *   <tr><td>Byte String</td><td>hex digits, any case, even count, possibly none</td>
 *       <td>lower-case hex</td></tr>
 *   <tr><td>Date-Time</td><td>ISO-8601 with an offset, whole seconds; or {@code 0x} and 1-16 hex
 *       digits</td><td>{@code 2024-05-06T07:08:09+00:00} (UTC, as the vectors write it); hex
 *       outside the years 0000-9999</td></tr>
 *   <tr><td>Interval</td><td>decimal 0..4294967295, or hex</td><td>decimal</td></tr>
 *   <tr><td>Date-Time Extended</td><td>ISO-8601 with an offset, at most microseconds; or hex</td>
 *       <td>{@code 2024-05-06T07:08:09.000123+00:00}; hex outside the years 0000-9999</td></tr>
 * </table>
 *
 * <p>Which enumeration names come from: the item's own tag ({@link Tag#enumeration()}), except a
 * KMIP 1.x Attribute Value, which takes the enumeration or mask of the attribute named by its
 * sibling Attribute Name ({@link Tag#fromSpecName}); see {@link #enumerationFor}.
 */
public final class TextValues {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter DATE_TIME_EXTENDED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years ISO-8601 writes with four digits. */
  private static final long MIN_ISO_SECONDS = -62167219200L;
  private static final long MAX_ISO_SECONDS = 253402300800L;

  private TextValues() {}

  // ---- which enumeration ------------------------------------------------------------------

  /**
   * The enumeration or mask whose names a child with {@code tag} uses: for Attribute Value the
   * attribute's named by the sibling Attribute Name (null when absent, custom or unknown),
   * otherwise the tag's own (null for unknown tags and tags without one).
   */
  public static EnumInfo enumerationFor(int tag, String siblingAttributeName) {
    if (tag == Tag.ATTRIBUTE_VALUE.value()) {
      Tag attribute = Tag.fromSpecName(siblingAttributeName);
      return attribute == null ? null : attribute.enumeration();
    }
    Tag t = Tag.fromValue(tag);
    return t == null ? null : t.enumeration();
  }

  /** The text of the first Attribute Name among these siblings, or null. */
  public static String attributeName(List<Ttlv> siblings) {
    for (Ttlv s : siblings) {
      if (s.is(Tag.ATTRIBUTE_NAME) && s.type() == ItemType.TEXT_STRING) {
        return s.asText();
      }
    }
    return null;
  }

  // ---- reading ----------------------------------------------------------------------------

  /**
   * Parses the text of a primitive item.
   *
   * @param info the enumeration or mask for Enumeration and mask Integer values, or null
   * @throws ValueException with the problem, for the caller to place
   */
  public static Ttlv parse(int tag, ItemType type, String text, EnumInfo info) throws ValueException {
    return switch (type) {
      case INTEGER -> Ttlv.integer(tag, parseInteger(text, info));
      case LONG_INTEGER -> Ttlv.longInteger(tag, parseLong(text, "Long Integer"));
      case BIG_INTEGER -> Ttlv.bigInteger(tag, parseBigInteger(text));
      case ENUMERATION -> Ttlv.enumeration(tag, parseEnumeration(text, info));
      case BOOLEAN -> Ttlv.bool(tag, parseBoolean(text));
      case TEXT_STRING -> Ttlv.text(tag, text);
      case IDENTIFIER, REFERENCE, NAME_REFERENCE -> Ttlv.identifier(tag, type, text);
      case BYTE_STRING -> Ttlv.bytes(tag, parseHex(text));
      case DATE_TIME -> Ttlv.dateTime(tag, parseDateTime(text));
      case INTERVAL -> Ttlv.interval(tag, parseInterval(text));
      case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, parseDateTimeExtended(text));
      case STRUCTURE -> throw new IllegalArgumentException("a Structure has no text value");
    };
  }

  public static int parseInteger(String text, EnumInfo info) throws ValueException {
    if (info != null && info.mask() && !isNumber(text)) {
      Integer bits = info.namesToMask(text);
      if (bits == null) {
        throw new ValueException(UNKNOWN_NAME, "\"" + text + "\" is not a " + info.specName() + " (names of its bits separated by spaces or '|', or hex)");
      }
      return bits;
    }
    if (isHex(text)) {
      return (int) hexNumber(text, 8, "Integer");
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ValueException(BAD_NUMBER, "\"" + text + "\" is not an Integer (32-bit decimal or 0x hex)");
    }
  }

  public static long parseLong(String text, String what) throws ValueException {
    if (isHex(text)) {
      return hexNumber(text, 16, what);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ValueException(BAD_NUMBER, "\"" + text + "\" is not a " + what + " (64-bit decimal or 0x hex)");
    }
  }

  public static long parseInterval(String text) throws ValueException {
    long v;
    if (isHex(text)) {
      v = hexNumber(text, 8, "Interval");
    } else {
      try {
        v = Long.parseLong(text);
      } catch (NumberFormatException e) {
        v = -1;
      }
    }
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new ValueException(BAD_NUMBER, "\"" + text + "\" is not an Interval (0 to 4294967295 seconds)");
    }
    return v;
  }

  public static BigInteger parseBigInteger(String text) throws ValueException {
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    byte[] b = parseHex(digits);
    if (b.length == 0) {
      throw new ValueException(BAD_HEX, "a Big Integer needs at least one byte of hex");
    }
    return new BigInteger(b);
  }

  public static int parseEnumeration(String text, EnumInfo info) throws ValueException {
    if (isHex(text)) {
      return (int) hexNumber(text, 8, "Enumeration");
    }
    Integer v = info == null ? null : info.valueOf(text);
    if (v == null) {
      throw new ValueException(UNKNOWN_NAME, info == null
          ? "\"" + text + "\": this item has no enumeration to name values from; write the value as 0x hex"
          : "\"" + text + "\" is not a value of " + info.specName());
    }
    return v;
  }

  public static boolean parseBoolean(String text) throws ValueException {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ValueException(BAD_BOOLEAN, "\"" + text + "\" is not a Boolean (true or false)");
    };
  }

  /** Hex digits of either case, an even number of them (none is an empty byte string). */
  public static byte[] parseHex(String text) throws ValueException {
    int n = text.length();
    if (n % 2 != 0) {
      throw new ValueException(BAD_HEX, "odd number of hex digits (" + n + ")");
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      int hi = Character.digit(text.charAt(i), 16);
      int lo = Character.digit(text.charAt(i + 1), 16);
      if (hi < 0 || lo < 0 || text.charAt(i) > 'f' || text.charAt(i + 1) > 'f') {
        int at = hi < 0 || text.charAt(i) > 'f' ? i : i + 1;
        throw new ValueException(BAD_HEX, "'" + text.charAt(at) + "' at position " + at + " is not a hex digit");
      }
      out[i / 2] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  public static long parseDateTime(String text) throws ValueException {
    if (isHex(text)) {
      return hexNumber(text, 16, "Date-Time");
    }
    OffsetDateTime t = isoDate(text, "Date-Time");
    if (t.getNano() != 0) {
      throw new ValueException(BAD_DATE, "\"" + text + "\": a Date-Time has whole seconds");
    }
    return t.toEpochSecond();
  }

  /** Microseconds since the epoch. */
  public static long parseDateTimeExtended(String text) throws ValueException {
    if (isHex(text)) {
      return hexNumber(text, 16, "Date-Time Extended");
    }
    OffsetDateTime t = isoDate(text, "Date-Time Extended");
    if (t.getNano() % 1000 != 0) {
      throw new ValueException(BAD_DATE, "\"" + text + "\": a Date-Time Extended has at most microseconds");
    }
    try {
      return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new ValueException(BAD_DATE, "\"" + text + "\" is out of range");
    }
  }

  private static OffsetDateTime isoDate(String text, String what) throws ValueException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new ValueException(BAD_DATE, "\"" + text + "\" is not a " + what
          + " (ISO-8601 with an offset, e.g. 2024-05-06T07:08:09+00:00, or 0x hex)");
    }
  }

  private static boolean isHex(String text) {
    return text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
  }

  private static boolean isNumber(String text) {
    if (isHex(text)) {
      return true;
    }
    int i = text.startsWith("-") ? 1 : 0;
    if (i >= text.length()) {
      return false;
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long hexNumber(String text, int maxDigits, String what) throws ValueException {
    String digits = text.substring(2);
    if (digits.length() > maxDigits) {
      throw new ValueException(BAD_HEX, "\"" + text + "\" has more than " + maxDigits + " hex digits for a " + what);
    }
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      int d = c > 'f' ? -1 : Character.digit(c, 16);
      if (d < 0) {
        throw new ValueException(BAD_HEX, "\"" + text + "\": '" + c + "' is not a hex digit");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  // ---- writing ----------------------------------------------------------------------------

  /**
   * The text of a primitive item, as the class comment describes.
   *
   * @param info the enumeration or mask for its names, or null
   * @param maskSeparator between mask names: " " in XML (as the vectors write it), "|" in JSON
   */
  public static String format(Ttlv item, EnumInfo info, String maskSeparator) {
    return switch (item.type()) {
      case INTEGER -> info != null && info.mask()
          ? info.maskToNames(item.asInt()).replace("|", maskSeparator)
          : Integer.toString(item.asInt());
      case LONG_INTEGER, INTERVAL -> Long.toString(item.asLong());
      case BIG_INTEGER -> hex(bigIntegerBytes(item.asBigInteger()));
      case ENUMERATION -> {
        String name = info == null ? null : info.nameOf(item.asInt());
        yield name != null ? name : String.format("0x%08X", item.asInt());
      }
      case BOOLEAN -> Boolean.toString(item.asBoolean());
      case TEXT_STRING, IDENTIFIER, REFERENCE, NAME_REFERENCE -> item.asText();
      case BYTE_STRING -> hex(item.asBytes());
      case DATE_TIME -> formatDateTime(item.asLong());
      case DATE_TIME_EXTENDED -> formatDateTimeExtended(item.asLong());
      case STRUCTURE -> throw new IllegalArgumentException("a Structure has no text value");
    };
  }

  public static String formatDateTime(long epochSeconds) {
    if (epochSeconds < MIN_ISO_SECONDS || epochSeconds >= MAX_ISO_SECONDS) {
      return String.format("0x%016X", epochSeconds);
    }
    return DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
  }

  public static String formatDateTimeExtended(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    if (seconds < MIN_ISO_SECONDS || seconds >= MAX_ISO_SECONDS) {
      return String.format("0x%016X", epochMicros);
    }
    try {
      Instant i = Instant.ofEpochSecond(seconds, Math.floorMod(epochMicros, 1_000_000L) * 1000L);
      return DATE_TIME_EXTENDED.format(OffsetDateTime.ofInstant(i, ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return String.format("0x%016X", epochMicros);
    }
  }

  public static String hex(byte[] b) {
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = HEX[(b[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[b[i] & 0xF];
    }
    return new String(out);
  }

  /** As on the wire: two's complement, big-endian, sign-extended to a multiple of 8 bytes. */
  public static byte[] bigIntegerBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    int padded = Math.max(8, (raw.length + 7) & ~7);
    if (padded == raw.length) {
      return raw;
    }
    byte[] out = new byte[padded];
    Arrays.fill(out, 0, padded - raw.length, v.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(raw, 0, out, padded - raw.length, raw.length);
    return out;
  }
}
