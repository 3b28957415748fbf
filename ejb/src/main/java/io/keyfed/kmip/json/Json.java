package io.keyfed.kmip.json;

import static io.keyfed.kmip.text.KmipTextException.Problem.NOT_WELL_FORMED;
import static io.keyfed.kmip.text.KmipTextException.Problem.TOO_DEEP;
import static io.keyfed.kmip.text.KmipTextException.Problem.TOO_LARGE;

import io.keyfed.kmip.text.KmipTextException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) that keeps where each value starts, for error messages that
 * point at the fault. Strict: nothing but the grammar (no comments, no trailing commas, no
 * single quotes, no leading zeros, no NaN); duplicate object keys, unpaired surrogates and
 * anything after the top-level value are refused. Bounded: input length is checked first, and
 * container nesting is counted before each recursion, so deep input ends in an error, not a
 * StackOverflowError. Package-private; {@link KmipJson} is the API.
 */
final class Json {

  /** What a value is. Numbers keep their text: the KMIP layer decides what fits. */
  enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

  /** One value and where it starts. */
  static final class Value {
    final Kind kind;
    final int line;
    final int column;
    final int offset;
    String text;
    Map<String, Value> members;
    List<Value> elements;

    Value(Kind kind, int line, int column, int offset) {
      this.kind = kind;
      this.line = line;
      this.column = column;
      this.offset = offset;
    }

    String describe() {
      return switch (kind) {
        case OBJECT -> "an object";
        case ARRAY -> "an array";
        case STRING -> "a string";
        case NUMBER -> "a number";
        case TRUE, FALSE -> "a boolean";
        case NULL -> "null";
      };
    }
  }

  private final String in;
  private final int maxDepth;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Json(String in, int maxDepth) {
    this.in = in;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses one JSON text.
   *
   * @param maxChars longest input accepted
   * @param maxDepth deepest nesting of objects and arrays accepted
   */
  static Value parse(String in, int maxChars, int maxDepth) throws KmipTextException {
    if (in.length() > maxChars) {
      throw new KmipTextException(TOO_LARGE, 0, 0, -1, "JSON of " + in.length() + " characters exceeds the limit of " + maxChars);
    }
    Json p = new Json(in, maxDepth);
    p.skipWhitespace();
    Value v = p.value(0);
    p.skipWhitespace();
    if (p.pos < in.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the JSON value");
    }
    return v;
  }

  private Value value(int depth) throws KmipTextException {
    if (pos >= in.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = in.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> {
        Value v = start(Kind.STRING);
        v.text = string();
        yield v;
      }
      case 't' -> literal("true", Kind.TRUE);
      case 'f' -> literal("false", Kind.FALSE);
      case 'n' -> literal("null", Kind.NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describeHere() + ", expected a value");
      }
    };
  }

  private Value object(int depth) throws KmipTextException {
    Value v = start(Kind.OBJECT);
    checkDepth(depth);
    pos++;
    v.members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return v;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name in double quotes, found " + describeHere());
      }
      int keyLine = line;
      int keyColumn = pos - lineStart + 1;
      int keyOffset = pos;
      String key = string();
      if (v.members.containsKey(key)) {
        throw new KmipTextException(NOT_WELL_FORMED, keyLine, keyColumn, keyOffset, "duplicate member \"" + key + "\"");
      }
      skipWhitespace();
      if (peek() != ':') {
        throw error("expected ':' after the member name, found " + describeHere());
      }
      pos++;
      skipWhitespace();
      v.members.put(key, value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return v;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object, found " + describeHere());
      }
    }
  }

  private Value array(int depth) throws KmipTextException {
    Value v = start(Kind.ARRAY);
    checkDepth(depth);
    pos++;
    v.elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return v;
    }
    while (true) {
      skipWhitespace();
      v.elements.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return v;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array, found " + describeHere());
      }
    }
  }

  private void checkDepth(int depth) throws KmipTextException {
    if (depth > maxDepth) {
      throw new KmipTextException(TOO_DEEP, line, pos - lineStart + 1, pos, "objects and arrays nested deeper than " + maxDepth);
    }
  }

  private String string() throws KmipTextException {
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos);
      if (c == '"') {
        String s = sb == null ? in.substring(runStart, pos) : sb.append(in, runStart, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error(String.format("control character U+%04X in a string (escape it)", (int) c));
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && pos + 1 < in.length() && Character.isLowSurrogate(in.charAt(pos + 1))) {
          pos += 2;
          continue;
        }
        throw error("unpaired surrogate in a string");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(in, runStart, pos);
      pos++;
      if (pos >= in.length()) {
        throw error("unterminated escape");
      }
      char e = in.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          char u = hex4();
          if (Character.isHighSurrogate(u)) {
            if (pos + 1 < in.length() && in.charAt(pos) == '\\' && in.charAt(pos + 1) == 'u') {
              pos += 2;
              char low = hex4();
              if (!Character.isLowSurrogate(low)) {
                pos -= 6;
                throw error("unpaired surrogate escape in a string");
              }
              sb.append(u).append(low);
            } else {
              throw error("unpaired surrogate escape in a string");
            }
          } else if (Character.isLowSurrogate(u)) {
            pos -= 6;
            throw error("unpaired surrogate escape in a string");
          } else {
            sb.append(u);
          }
        }
        default -> {
          pos--;
          throw error("invalid escape \\" + e);
        }
      }
      runStart = pos;
    }
  }

  private char hex4() throws KmipTextException {
    if (pos + 4 > in.length()) {
      throw error("\\u needs four hex digits");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = in.charAt(pos);
      int d = c > 'f' ? -1 : Character.digit(c, 16);
      if (d < 0) {
        throw error("\\u needs four hex digits, found " + describeHere());
      }
      v = (v << 4) | d;
      pos++;
    }
    return (char) v;
  }

  private Value number() throws KmipTextException {
    Value v = start(Kind.NUMBER);
    int s = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("leading zero in a number");
      }
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("expected a digit, found " + describeHere());
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after '.', found " + describeHere());
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent, found " + describeHere());
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    v.text = in.substring(s, pos);
    return v;
  }

  private Value literal(String word, Kind kind) throws KmipTextException {
    Value v = start(kind);
    if (!in.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + ", expected a value");
    }
    pos += word.length();
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The character at the position, or 0 at the end. */
  private char peek() {
    return pos < in.length() ? in.charAt(pos) : 0;
  }

  private void skipWhitespace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private Value start(Kind kind) {
    return new Value(kind, line, pos - lineStart + 1, pos);
  }

  private String describeHere() {
    if (pos >= in.length()) {
      return "end of input";
    }
    char c = in.charAt(pos);
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private KmipTextException error(String detail) {
    return new KmipTextException(NOT_WELL_FORMED, line, pos - lineStart + 1, pos, detail);
  }
}
