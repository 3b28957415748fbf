package io.keyfed.kmip.vectors;

import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The vector messages as DOM elements: placeholder substitution, serialisation, and the
 * equivalence check of a written document against its input, with the normalisations that
 * {@link io.keyfed.kmip.VectorRoundTripTest} documents. Every normalisation that fires is counted
 * so the test can print how often each was needed.
 */
public final class VectorDom {

  /** What {@code $NOW} stands for: a fixed instant, so that runs are repeatable. */
  public static final OffsetDateTime NOW = OffsetDateTime.of(2021, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  private static final Pattern NOW_PLACEHOLDER = Pattern.compile("\\$NOW(?:([-+])(\\d+))?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$[A-Z][A-Z0-9_]*");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  private VectorDom() {}

  /** Counters of normalisations and substitutions, by name. */
  public static final class Counts {
    public final Map<String, Integer> byName = new TreeMap<>();

    void add(String name) {
      byName.merge(name, 1, Integer::sum);
    }
  }

  /**
   * Replaces placeholders in typed values where the type cannot carry them as written:
   * {@code $NOW}, {@code $NOW-n}, {@code $NOW+n} in Date-Time values become {@link #NOW} ± n
   * seconds; a {@code $NAME} (or {@code $NAME_n}) in a Byte String becomes the hex of the UTF-8
   * bytes of the placeholder itself, so that it still reads as its name. Text-typed values
   * (Text String, and 3.0 Identifier / Reference / Name Reference) carry placeholders as they are.
   * Any other typed placeholder fails.
   */
  public static void substitutePlaceholders(Element e, Counts counts) {
    String type = e.getAttribute("type");
    String value = e.getAttribute("value");
    if (e.hasAttribute("value") && value.startsWith("$")) {
      switch (type) {
        case "DateTime" -> {
          Matcher m = NOW_PLACEHOLDER.matcher(value);
          if (!m.matches()) {
            throw new AssertionError("unhandled Date-Time placeholder " + value);
          }
          long delta = m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
          e.setAttribute("value", ISO.format(NOW.plusSeconds(delta)));
          counts.add("placeholder DateTime " + (m.group(2) == null ? "$NOW" : "$NOW±n"));
        }
        case "ByteString" -> {
          if (!PLACEHOLDER.matcher(value).matches()) {
            throw new AssertionError("unhandled Byte String placeholder " + value);
          }
          e.setAttribute("value", HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
          counts.add("placeholder ByteString " + value.replaceAll("_\\d+$", "_n"));
        }
        case "TextString", "Identifier", "Reference", "NameReference" -> counts.add("placeholder carried as text");
        default -> throw new AssertionError("unhandled placeholder " + value + " in a " + type);
      }
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        substitutePlaceholders(c, counts);
      }
    }
  }

  /** The element and its descendants as XML text (elements and attributes only). */
  public static String serialize(Element e) {
    StringBuilder sb = new StringBuilder();
    serialize(e, sb);
    return sb.toString();
  }

  private static void serialize(Element e, StringBuilder sb) {
    sb.append('<').append(e.getTagName());
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      sb.append(' ').append(a.getNodeName()).append("=\"");
      for (char c : a.getNodeValue().toCharArray()) {
        switch (c) {
          case '&' -> sb.append("&amp;");
          case '<' -> sb.append("&lt;");
          case '"' -> sb.append("&quot;");
          case '\t' -> sb.append("&#9;");
          case '\n' -> sb.append("&#10;");
          case '\r' -> sb.append("&#13;");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    sb.append('>');
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        serialize(c, sb);
      }
    }
    sb.append("</").append(e.getTagName()).append('>');
  }

  public static List<Element> childElements(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Compares a written element with its (placeholder-substituted) input. Returns null when they
   * are equivalent, else where and how they differ. Normalisations applied (each counted):
   * whitespace, comments and attribute order do not count (DOM comparison); an absent type equals
   * "Structure"; {@code tag="0x..."} hex compares case-insensitively; Byte String hex compares
   * case-insensitively; Big Integer hex compares by value (leading sign bytes); Date-Time by
   * instant (any offset); masks as sets of names; an enumeration or mask name equals another
   * spelling of the same value (earlier spec names, the tables' aliases); decimal and hex numbers
   * by value.
   */
  public static String difference(Element in, Element out, Counts counts) {
    return difference(in, out, "/" + in.getTagName(), null, counts);
  }

  private static String difference(Element in, Element out, String path, String attributeName, Counts counts) {
    String inTag = in.getAttribute("tag");
    String outTag = out.getAttribute("tag");
    if (!in.getTagName().equals(out.getTagName())) {
      Tag a = Tag.fromXmlName(in.getTagName());
      Tag b = Tag.fromXmlName(out.getTagName());
      if (a == null || a != b) {
        return path + ": element <" + in.getTagName() + "> written as <" + out.getTagName() + ">";
      }
      counts.add("tag name alias " + in.getTagName() + " -> " + out.getTagName());
    }
    if (!inTag.equals(outTag)) {
      if (!inTag.equalsIgnoreCase(outTag)) {
        return path + ": tag=\"" + inTag + "\" written as tag=\"" + outTag + "\"";
      }
      counts.add("tag hex case");
    }
    String inType = in.hasAttribute("type") ? in.getAttribute("type") : "Structure";
    String outType = out.hasAttribute("type") ? out.getAttribute("type") : "Structure";
    if (!inType.equals(outType)) {
      if (ItemType.fromXmlName(inType) != ItemType.fromXmlName(outType)) {
        return path + ": type " + inType + " written as " + outType;
      }
      counts.add("type name alias");
    }
    if (in.hasAttribute("type") != out.hasAttribute("type")) {
      counts.add("type=\"Structure\" omitted");
    }
    if (inType.equals("Structure")) {
      List<Element> a = childElements(in);
      List<Element> b = childElements(out);
      if (a.size() != b.size()) {
        return path + ": " + a.size() + " children written as " + b.size();
      }
      String name = null;
      for (Element c : a) {
        if (c.getTagName().equals("AttributeName")) {
          name = c.getAttribute("value");
          break;
        }
      }
      for (int i = 0; i < a.size(); i++) {
        String d = difference(a.get(i), b.get(i), path + "/" + a.get(i).getTagName() + "[" + i + "]", name, counts);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    String x = in.getAttribute("value");
    String y = out.getAttribute("value");
    if (x.equals(y)) {
      return null;
    }
    Tag tag = Tag.fromXmlName(in.getTagName());
    EnumInfo info = tag == null ? null
        : tag == Tag.ATTRIBUTE_VALUE ? enumOfAttribute(attributeName) : tag.enumeration();
    String why = switch (inType) {
      case "ByteString" -> x.equalsIgnoreCase(y) ? "hex case" : null;
      case "BigInteger" -> bigHex(x).equals(bigHex(y)) ? "Big Integer hex by value" : null;
      case "DateTime" -> OffsetDateTime.parse(x).toInstant().equals(OffsetDateTime.parse(y).toInstant())
          ? "Date-Time offset " + x.substring(19) : null;
      case "Enumeration" -> sameEnum(info, x, y) ? "enumeration name alias" : null;
      case "Integer" -> sameMask(info, x, y);
      case "LongInteger", "Interval" -> number(x).equals(number(y)) ? "number form" : null;
      default -> null;
    };
    if (why == null) {
      return path + ": value=\"" + x + "\" written as value=\"" + y + "\"";
    }
    counts.add(why);
    return null;
  }

  private static EnumInfo enumOfAttribute(String attributeName) {
    Tag a = Tag.fromSpecName(attributeName);
    return a == null ? null : a.enumeration();
  }

  private static BigInteger bigHex(String s) {
    String h = s.startsWith("0x") ? s.substring(2) : s;
    return new BigInteger(HexFormat.of().parseHex(h));
  }

  private static BigInteger number(String s) {
    return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
  }

  private static boolean sameEnum(EnumInfo info, String x, String y) {
    Integer a = x.startsWith("0x") ? Integer.valueOf((int) Long.parseLong(x.substring(2), 16)) : info == null ? null : info.valueOf(x);
    Integer b = y.startsWith("0x") ? Integer.valueOf((int) Long.parseLong(y.substring(2), 16)) : info == null ? null : info.valueOf(y);
    return a != null && a.equals(b);
  }

  private static String sameMask(EnumInfo info, String x, String y) {
    if (info == null || !info.mask()) {
      return number(x).equals(number(y)) ? "number form" : null;
    }
    List<String> a = Arrays.asList(x.trim().split("[|\\s]+"));
    List<String> b = Arrays.asList(y.trim().split("[|\\s]+"));
    if (a.equals(b)) {
      return "mask separators or spacing";
    }
    if (a.stream().sorted().toList().equals(b.stream().sorted().toList())) {
      return "mask name order";
    }
    Integer ma = info.namesToMask(x);
    Integer mb = info.namesToMask(y);
    return ma != null && ma.equals(mb) ? "mask name alias" : null;
  }
}
