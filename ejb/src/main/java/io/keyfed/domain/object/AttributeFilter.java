package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One condition of a Locate request on one attribute, with the matching rules of KMIP 1.4 §4.9 /
 * 2.1 §6.1.28:
 *
 * <ul>
 *   <li>an object matches when one of its instances of the attribute matches;
 *   <li>two values of a Date-Time attribute are a range, limits included; a date at its largest
 *       value is "equivalent to an undefined attribute" (no condition, or an open end);
 *   <li>Cryptographic Usage Mask: the object's mask has every bit of the requested one;
 *   <li>Usage Limits: the object's Usage Limits Count and Total are at least the requested ones;
 *   <li>a structure matches on the fields the request gives (a Link with only a Linked Object
 *       Identifier matches any Link Type);
 *   <li>Text Strings, anywhere, are patterns: {@code *} stands for any run of characters and
 *       {@code ?} for one character (KMIP 1.x: "Wild-cards ... MAY be supported ... when the field
 *       type is a Text String"). There is no escape: a stored {@code *} or {@code ?} is matched by
 *       itself too, so a search for an exact value always finds it;
 *   <li>everything else is equality.
 * </ul>
 *
 * <p>Besides {@link #matches}, a filter says what SQL can check on the KF_ATTRIBUTE search columns
 * ({@link SearchKey}) or the object's columns, and whether that check is exact (then the database
 * alone decides, and pages) or only narrows the candidates (then {@link #matches} decides).
 */
public final class AttributeFilter {

  /** How the database can check the filter. */
  public enum Sql {
    /** The object's Unique Identifier column: {@link #text()} or {@link #likePattern()}. */
    UNIQUE_IDENTIFIER,
    /** The object's Object Type column: {@link #objectType()}. */
    OBJECT_TYPE,
    /** The object's State column: one of {@link #states()}. */
    STATE,
    /** An attribute row with this name and the search columns given (any may be null). */
    ATTRIBUTE
  }

  private final String name;
  private final Kind kind;
  private final Ttlv wanted;
  private final long low;
  private final long high;
  private final Pattern regex;

  private final Sql sql;
  private final String text;
  private final String likePattern;
  private final Long number;
  private final Long numberLow;
  private final Long numberHigh;
  private final ObjectType objectType;
  private final List<State> states;
  private final boolean exactInSql;

  private enum Kind { EQUAL, TEXT, RANGE, MASK, USAGE_LIMITS, STRUCTURE }

  private AttributeFilter(String name, Kind kind, Ttlv wanted, long low, long high, Pattern regex, Sql sql,
      String text, String likePattern, Long number, Long numberLow, Long numberHigh, ObjectType objectType,
      List<State> states, boolean exactInSql) {
    this.name = name;
    this.kind = kind;
    this.wanted = wanted;
    this.low = low;
    this.high = high;
    this.regex = regex;
    this.sql = sql;
    this.text = text;
    this.likePattern = likePattern;
    this.number = number;
    this.numberLow = numberLow;
    this.numberHigh = numberHigh;
    this.objectType = objectType;
    this.states = states;
    this.exactInSql = exactInSql;
  }

  /**
   * The filters for a Locate request's attributes: one per value, except that two values of a
   * date attribute make one range. Attribute Indices are not part of an {@link Attribute}, so they
   * are ignored, as KMIP 1.x requires.
   */
  public static List<AttributeFilter> of(List<Attribute> attributes) {
    Map<String, List<Ttlv>> byName = new LinkedHashMap<>();
    for (Attribute a : attributes) {
      byName.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a.value());
    }
    List<AttributeFilter> out = new ArrayList<>();
    byName.forEach((name, values) -> {
      if (isDate(values.get(0))) {
        dates(name, values, out);
      } else {
        for (Ttlv v : values) {
          out.add(single(name, v));
        }
      }
    });
    return out;
  }

  /** Fresh = True, for Object Group Member Group Member Fresh. */
  static AttributeFilter fresh() {
    return single(Tag.FRESH.specName(), Ttlv.bool(Tag.FRESH, true));
  }

  private static void dates(String name, List<Ttlv> values, List<AttributeFilter> out) {
    if (values.size() > 2) {
      throw KmipException.invalidField(name + " is given " + values.size() + " times; a date is given once, or twice for a range");
    }
    for (Ttlv v : values) {
      if (!isDate(v)) {
        throw KmipException.invalidField(name + " values must all be dates");
      }
    }
    long a = values.get(0).asLong();
    long b = values.size() == 2 ? values.get(1).asLong() : a;
    boolean openA = a == Long.MAX_VALUE;
    boolean openB = b == Long.MAX_VALUE;
    if (openA && openB) {
      return; // "equivalent to an undefined attribute"
    }
    long lo;
    long hi;
    if (values.size() == 1) {
      lo = a;
      hi = a;
    } else if (openA || openB) {
      lo = openA ? b : a;
      hi = Long.MAX_VALUE;
    } else {
      lo = Math.min(a, b);
      hi = Math.max(a, b);
    }
    out.add(new AttributeFilter(name, Kind.RANGE, values.get(0), lo, hi, null, Sql.ATTRIBUTE,
        null, null, null, lo, hi, null, null, true));
  }

  private static AttributeFilter single(String name, Ttlv v) {
    if (name.equals(Tag.UNIQUE_IDENTIFIER.specName()) && v.type() == ItemType.TEXT_STRING) {
      String t = v.asText();
      boolean glob = isPattern(t);
      return new AttributeFilter(name, Kind.TEXT, v, 0, 0, glob ? regex(t) : null, Sql.UNIQUE_IDENTIFIER,
          glob ? null : t, glob ? like(t) : null, null, null, null, null, null, true);
    }
    if (name.equals(Tag.OBJECT_TYPE.specName()) && v.type() == ItemType.ENUMERATION) {
      ObjectType t = ObjectType.fromValue(v.asInt());
      return new AttributeFilter(name, Kind.EQUAL, v, 0, 0, null, t == null ? Sql.ATTRIBUTE : Sql.OBJECT_TYPE,
          null, null, null, null, null, t, null, t != null);
    }
    if (name.equals(Tag.STATE.specName()) && v.type() == ItemType.ENUMERATION) {
      State s = State.fromValue(v.asInt());
      // Activation and Deactivation Dates move Pre-Active and Active objects when they are next
      // read: the column may lag, so the database narrows and the loaded object decides.
      List<State> candidates = switch (s == null ? State.COMPROMISED : s) {
        case ACTIVE -> List.of(State.ACTIVE, State.PRE_ACTIVE);
        case DEACTIVATED -> List.of(State.DEACTIVATED, State.ACTIVE, State.PRE_ACTIVE);
        default -> s == null ? List.of() : List.of(s);
      };
      boolean exact = s == State.COMPROMISED || s == State.DESTROYED || s == State.DESTROYED_COMPROMISED;
      return new AttributeFilter(name, Kind.EQUAL, v, 0, 0, null, Sql.STATE,
          null, null, null, null, null, null, candidates, exact);
    }
    if (name.equals(Tag.CRYPTOGRAPHIC_USAGE_MASK.specName()) && v.type() == ItemType.INTEGER) {
      return inMemory(name, Kind.MASK, v);
    }
    if (name.equals(Tag.USAGE_LIMITS.specName()) && v.isStructure()) {
      return inMemory(name, Kind.USAGE_LIMITS, v);
    }
    switch (v.type()) {
      case TEXT_STRING -> {
        String t = v.asText();
        if (isPattern(t)) {
          // Values too long for SEARCH_TEXT have none; the pattern may match them.
          return new AttributeFilter(name, Kind.TEXT, v, 0, 0, regex(t), Sql.ATTRIBUTE,
              null, like(t), null, null, null, null, null, false);
        }
        boolean fits = t.length() <= SearchKey.TEXT_MAX;
        return new AttributeFilter(name, Kind.TEXT, v, 0, 0, null, Sql.ATTRIBUTE,
            fits ? t : null, null, null, null, null, null, null, fits);
      }
      case INTEGER, ENUMERATION, LONG_INTEGER, INTERVAL, BOOLEAN -> {
        return new AttributeFilter(name, Kind.EQUAL, v, 0, 0, null, Sql.ATTRIBUTE,
            null, null, SearchKey.of(v).number(), null, null, null, null, true);
      }
      case STRUCTURE -> {
        return structure(name, v);
      }
      default -> {
        return inMemory(name, Kind.EQUAL, v);
      }
    }
  }

  private static AttributeFilter structure(String name, Ttlv v) {
    Tag[] fields = SearchKey.fieldsOf(v);
    if (fields == null) {
      return inMemory(name, Kind.STRUCTURE, v);
    }
    String t = null;
    String like = null;
    Long n = null;
    boolean exact = true;
    for (Ttlv c : v.children()) {
      if (fields[0] != null && c.is(fields[0]) && c.type() == ItemType.TEXT_STRING && t == null && like == null) {
        String s = c.asText();
        if (isPattern(s)) {
          like = like(s);
          exact = false;
        } else if (s.length() <= SearchKey.TEXT_MAX) {
          t = s;
        } else {
          exact = false;
        }
      } else if (fields[1] != null && c.is(fields[1]) && c.type() == ItemType.ENUMERATION && n == null) {
        n = c.asLong();
      } else {
        exact = false;
      }
    }
    return new AttributeFilter(name, Kind.STRUCTURE, v, 0, 0, null, Sql.ATTRIBUTE, t, like, n, null, null, null, null, exact);
  }

  private static AttributeFilter inMemory(String name, Kind kind, Ttlv v) {
    return new AttributeFilter(name, kind, v, 0, 0, null, Sql.ATTRIBUTE, null, null, null, null, null, null, null, false);
  }

  // ---- matching --------------------------------------------------------------------------------

  /** Whether the object has an instance of the attribute that satisfies this filter. */
  public boolean matches(ManagedObject o) {
    for (Attribute a : o.attributes(name)) {
      if (matchesValue(a.value())) {
        return true;
      }
    }
    return false;
  }

  boolean matchesValue(Ttlv have) {
    return switch (kind) {
      case RANGE -> isDate(have) && have.asLong() >= low && have.asLong() <= high;
      case TEXT -> have.type() == ItemType.TEXT_STRING
          && (regex != null ? regex.matcher(have.asText()).matches() : have.asText().equals(wanted.asText()));
      case MASK -> have.type() == ItemType.INTEGER && (have.asInt() & wanted.asInt()) == wanted.asInt();
      case USAGE_LIMITS -> usageLimits(have);
      case STRUCTURE -> partial(wanted, have);
      case EQUAL -> same(wanted, have);
    };
  }

  private boolean usageLimits(Ttlv have) {
    if (!have.isStructure()) {
      return false;
    }
    for (Ttlv w : wanted.children()) {
      Ttlv h = have.child(w.tag());
      if (h == null) {
        return false;
      }
      boolean atLeast = w.is(Tag.USAGE_LIMITS_TOTAL) || w.is(Tag.USAGE_LIMITS_COUNT);
      if (atLeast ? h.type() != w.type() || h.asLong() < w.asLong() : !same(w, h)) {
        return false;
      }
    }
    return true;
  }

  /** Every field the request gives is in the candidate, matching; texts as patterns. */
  static boolean partial(Ttlv w, Ttlv h) {
    if (w.isStructure()) {
      if (!h.isStructure()) {
        return false;
      }
      for (Ttlv wc : w.children()) {
        boolean found = false;
        for (Ttlv hc : h.children()) {
          if (hc.tag() == wc.tag() && partial(wc, hc)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    if (w.type() == ItemType.TEXT_STRING && h.type() == ItemType.TEXT_STRING) {
      String p = w.asText();
      return isPattern(p) ? regex(p).matcher(h.asText()).matches() : p.equals(h.asText());
    }
    return same(w, h);
  }

  private static boolean same(Ttlv w, Ttlv h) {
    return w.type() == h.type() && w.retag(h.tag()).equals(h);
  }

  // ---- patterns --------------------------------------------------------------------------------

  static boolean isPattern(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  static Pattern regex(String glob) {
    StringBuilder sb = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (lit.length() > 0) {
          sb.append(Pattern.quote(lit.toString()));
          lit.setLength(0);
        }
        sb.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        lit.append(c);
      }
    }
    if (lit.length() > 0) {
      sb.append(Pattern.quote(lit.toString()));
    }
    return Pattern.compile(sb.toString());
  }

  /** The SQL LIKE pattern for a glob, with {@code !} escaping LIKE's own {@code %}, {@code _} and {@code !}. */
  static String like(String glob) {
    StringBuilder sb = new StringBuilder(glob.length() + 4);
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '%', '_', '!' -> sb.append('!').append(c);
        case '*' -> sb.append('%');
        case '?' -> sb.append('_');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The escape character of {@link #likePattern()}. */
  public static final char LIKE_ESCAPE = '!';

  private static boolean isDate(Ttlv v) {
    return v.type() == ItemType.DATE_TIME || v.type() == ItemType.DATE_TIME_EXTENDED;
  }

  // ---- what SQL can check ---------------------------------------------------------------------

  /** The attribute's name. */
  public String name() {
    return name;
  }

  public Sql sql() {
    return sql;
  }

  /** Exact text for SEARCH_TEXT or the Unique Identifier, or null. */
  public String text() {
    return text;
  }

  /** A LIKE pattern (escape {@link #LIKE_ESCAPE}) for SEARCH_TEXT or the Unique Identifier, or null. */
  public String likePattern() {
    return likePattern;
  }

  /** Exact value for SEARCH_NUMBER, or null. */
  public Long number() {
    return number;
  }

  /** Inclusive range for SEARCH_NUMBER (dates), or null. */
  public Long numberLow() {
    return numberLow;
  }

  public Long numberHigh() {
    return numberHigh;
  }

  public ObjectType objectType() {
    return objectType;
  }

  /** The States a matching object's State column may hold. */
  public List<State> states() {
    return states;
  }

  /** Whether the SQL check alone decides (no need to load the object and call {@link #matches}). */
  public boolean exactInSql() {
    return exactInSql;
  }

  @Override
  public String toString() {
    return name + " " + kind + " " + (kind == Kind.RANGE ? "[" + low + ", " + high + "]" : String.valueOf(wanted));
  }
}
