package io.keyfed.kmip.xml;

import static io.keyfed.kmip.text.KmipTextException.Problem.BAD_TAG;
import static io.keyfed.kmip.text.KmipTextException.Problem.DTD_NOT_ALLOWED;
import static io.keyfed.kmip.text.KmipTextException.Problem.ENTITY_NOT_ALLOWED;
import static io.keyfed.kmip.text.KmipTextException.Problem.MISSING_VALUE;
import static io.keyfed.kmip.text.KmipTextException.Problem.NOT_WELL_FORMED;
import static io.keyfed.kmip.text.KmipTextException.Problem.TOO_DEEP;
import static io.keyfed.kmip.text.KmipTextException.Problem.TOO_LARGE;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNEXPECTED_CONTENT;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNKNOWN_TAG;
import static io.keyfed.kmip.text.KmipTextException.Problem.UNKNOWN_TYPE;

import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.text.TextValues;
import io.keyfed.kmip.text.ValueException;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvLimits;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * {@link Ttlv} ⇄ the KMIP XML encoding (KMIP Additional Message Encodings v1.0 §6.1), exactly as
 * the OASIS test vectors write it:
 *
 * <ul>
 *   <li>one element per item, named by the tag's XML name ({@link Tag#xmlName()}); a tag the
 *       tables do not know is written {@code <TTLV tag="0x540001" type="..." value="..."/>} (read:
 *       any element with a {@code tag} attribute, named {@code TTLV} or by that tag's own name);
 *   <li>{@code type} is the item type's XML name, omitted for a Structure;
 *   <li>{@code value} as {@link TextValues} describes: enumerations by name or 0x hex, masks as
 *       names separated by spaces (read: spaces or {@code |}), byte strings and big integers as
 *       hex, date-times as ISO-8601;
 *   <li>a KMIP 1.x Attribute Value takes the enumeration or mask of the attribute named by its
 *       sibling Attribute Name, in both directions;
 *   <li>{@link #readAll} also takes the vectors' {@code <KMIP>} root that wraps several
 *       messages, and {@link #writeAll} writes one when there are several items.
 * </ul>
 *
 * <p>Parsing is for untrusted input: the JDK's StAX reader with DTDs unsupported, external
 * entities off, and any document type declaration or entity reference refused outright (so
 * neither external entities nor entity expansion such as "billion laughs" can happen); input size
 * and nesting depth bounded (nesting is counted before anything recurses). Every fault is a
 * {@link KmipTextException} naming its line and column; all map to Result Reason Invalid Message.
 *
 * <p>Thread-safe: instances hold only their limits.
 */
public final class KmipXml {

  /** The root element of the vector files, wrapping their messages. */
  public static final String WRAPPER = "KMIP";

  /** Element name of items whose tag the tables do not know. */
  public static final String UNKNOWN_TAG_ELEMENT = "TTLV";

  /** 64 Mi characters: XML is several times larger than TTLV's 8 MiB message limit. */
  public static final int DEFAULT_MAX_CHARS = 64 * 1024 * 1024;

  private final int maxChars;
  private final int maxDepth;

  public KmipXml() {
    this(DEFAULT_MAX_CHARS, TtlvLimits.DEFAULT.maxDepth());
  }

  /**
   * @param maxChars longest input accepted, in characters
   * @param maxDepth deepest item nesting accepted (the wrapper root does not count)
   */
  public KmipXml(int maxChars, int maxDepth) {
    if (maxChars < 1 || maxDepth < 1 || maxDepth > TtlvLimits.MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("limits out of range");
    }
    this.maxChars = maxChars;
    this.maxDepth = maxDepth;
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Reads a document whose root element is one item. */
  public Ttlv read(String xml) throws KmipTextException {
    Node root = parse(xml);
    if (root.name.equals(WRAPPER) && root.tagAttr == null) {
      throw error(UNEXPECTED_CONTENT, root, "expected one item, found a <" + WRAPPER + "> wrapper; read it with readAll");
    }
    return toTtlv(root, null);
  }

  /**
   * Reads a document that is one item, or a {@code <KMIP>} root wrapping any number of items (the
   * layout of the vector files).
   */
  public List<Ttlv> readAll(String xml) throws KmipTextException {
    Node root = parse(xml);
    if (!(root.name.equals(WRAPPER) && root.tagAttr == null)) {
      return List.of(toTtlv(root, null));
    }
    if (root.typeAttr != null || root.valueAttr != null) {
      throw error(UNEXPECTED_CONTENT, root, "the <" + WRAPPER + "> wrapper takes no type or value");
    }
    List<Ttlv> out = new ArrayList<>(root.children.size());
    for (Node c : root.children) {
      out.add(toTtlv(c, null));
    }
    return out;
  }

  private Node parse(String xml) throws KmipTextException {
    if (xml.length() > maxChars) {
      throw new KmipTextException(TOO_LARGE, 0, 0, -1, "XML of " + xml.length() + " characters exceeds the limit of " + maxChars);
    }
    XMLStreamReader r;
    try {
      r = factory().createXMLStreamReader(new StringReader(xml));
    } catch (XMLStreamException e) {
      throw notWellFormed(e);
    }
    Deque<Node> stack = new ArrayDeque<>();
    Node root = null;
    int previousEnd = 0;
    try {
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            Node n = element(r, xml);
            Node parent = stack.peek();
            boolean wrapped = root != null && root.name.equals(WRAPPER) && root.tagAttr == null;
            int depth = stack.size() + 1 - (wrapped ? 1 : 0);
            if (depth > maxDepth) {
              throw error(TOO_DEEP, n, "items nested deeper than " + maxDepth);
            }
            if (parent == null) {
              root = n;
            } else {
              if (parent.typeAttr != null && !parent.typeAttr.equals(ItemType.STRUCTURE.xmlName())) {
                throw error(UNEXPECTED_CONTENT, n, "<" + n.name + "> inside <" + parent.name + ">, which is a "
                    + parent.typeAttr + " and has no children");
              }
              parent.children.add(n);
            }
            stack.push(n);
          }
          case XMLStreamConstants.END_ELEMENT -> stack.pop();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!r.isWhiteSpace() && !r.getText().isBlank()) {
              throw at(UNEXPECTED_CONTENT, xml, skipSpace(xml, previousEnd), r.getLocation(),
                  "text \"" + shorten(r.getText().strip()) + "\" where only elements are allowed (values go in value=\"...\")");
            }
          }
          case XMLStreamConstants.DTD -> throw at(DTD_NOT_ALLOWED, xml, skipSpace(xml, previousEnd), r.getLocation(),
              "a document type declaration (DOCTYPE) is not allowed");
          case XMLStreamConstants.ENTITY_REFERENCE -> throw at(ENTITY_NOT_ALLOWED, xml, previousEnd, r.getLocation(),
              "entity reference &" + r.getLocalName() + "; is not allowed");
          case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw at(UNEXPECTED_CONTENT, xml, skipSpace(xml, previousEnd),
              r.getLocation(), "processing instruction <?" + r.getPITarget() + "?> is not allowed");
          default -> {
            // START_DOCUMENT, END_DOCUMENT, COMMENT: nothing to do.
          }
        }
        previousEnd = r.getLocation().getCharacterOffset();
      }
    } catch (XMLStreamException e) {
      throw notWellFormed(e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing held
      }
    }
    if (root == null) {
      throw new KmipTextException(NOT_WELL_FORMED, 1, 1, -1, "no root element");
    }
    return root;
  }

  /**
   * One configured factory per thread: creating one is a service lookup (slow), and the JDK's
   * factory reuses reader instances internally, so it is not shared between threads. Always the
   * JDK's own implementation ({@code newDefaultFactory}), never one a container puts on the class
   * path, so that the settings below mean what they say.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(KmipXml::newFactory);

  private static XMLInputFactory factory() {
    return FACTORY.get();
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static void trySet(XMLInputFactory f, String property, Object value) {
    try {
      f.setProperty(property, value);
    } catch (IllegalArgumentException e) {
      // an implementation without the property: SUPPORT_DTD=false and refusing DTD events suffice
    }
  }

  /**
   * A node placed at its start tag's {@code <}. StAX reports where the start tag ends; a start tag
   * cannot contain a raw {@code <} (not even in attribute values), so the element begins at the
   * last one before that.
   */
  private static Node element(XMLStreamReader r, String xml) throws KmipTextException {
    Location l = r.getLocation();
    int end = l.getCharacterOffset();
    int start = end > 0 && end <= xml.length() ? xml.lastIndexOf('<', end - 1) : -1;
    Node n = new Node(r.getLocalName(), xml, start, l.getLineNumber(), l.getColumnNumber());
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String name = r.getAttributeLocalName(i);
      String value = r.getAttributeValue(i);
      switch (name) {
        case "tag" -> n.tagAttr = value;
        case "type" -> n.typeAttr = value;
        case "value" -> n.valueAttr = value;
        default -> throw error(UNEXPECTED_CONTENT, n, "unknown attribute " + name + "=\"" + shorten(value)
            + "\" on <" + n.name + "> (only tag, type and value)");
      }
    }
    return n;
  }

  private Ttlv toTtlv(Node n, String siblingAttributeName) throws KmipTextException {
    int tag = tagOf(n);
    ItemType type = ItemType.STRUCTURE;
    if (n.typeAttr != null) {
      type = ItemType.fromXmlName(n.typeAttr);
      if (type == null) {
        throw error(UNKNOWN_TYPE, n, "type=\"" + shorten(n.typeAttr) + "\" is not a KMIP item type");
      }
    }
    if (type == ItemType.STRUCTURE) {
      if (n.valueAttr != null) {
        throw error(UNEXPECTED_CONTENT, n, "<" + n.name + "> is a Structure and takes no value=\"...\"");
      }
      String attributeName = null;
      for (Node c : n.children) {
        if (Tag.ATTRIBUTE_NAME.xmlName().equals(c.name) && c.tagAttr == null
            && ItemType.TEXT_STRING.xmlName().equals(c.typeAttr)) {
          attributeName = c.valueAttr;
          break;
        }
      }
      List<Ttlv> children = new ArrayList<>(n.children.size());
      for (Node c : n.children) {
        children.add(toTtlv(c, attributeName));
      }
      return Ttlv.structure(tag, children);
    }
    if (n.valueAttr == null) {
      throw error(MISSING_VALUE, n, "<" + n.name + " type=\"" + n.typeAttr + "\"> has no value=\"...\"");
    }
    EnumInfo info = TextValues.enumerationFor(tag, siblingAttributeName);
    try {
      return TextValues.parse(tag, type, n.valueAttr, info);
    } catch (ValueException e) {
      throw error(e.problem(), n, "<" + n.name + " type=\"" + n.typeAttr + "\">: " + e.getMessage());
    }
  }

  private static int tagOf(Node n) throws KmipTextException {
    if (n.tagAttr == null) {
      Tag t = Tag.fromXmlName(n.name);
      if (t == null) {
        throw error(UNKNOWN_TAG, n, "<" + n.name + "> is not a KMIP tag (write unknown tags as <"
            + UNKNOWN_TAG_ELEMENT + " tag=\"0x54xxxx\" ...>)");
      }
      return t.value();
    }
    String s = n.tagAttr;
    if (!s.matches("0[xX][0-9A-Fa-f]{6}")) {
      throw error(BAD_TAG, n, "tag=\"" + shorten(s) + "\" is not 0x and six hex digits");
    }
    int v = Integer.parseInt(s.substring(2), 16);
    if (!n.name.equals(UNKNOWN_TAG_ELEMENT)) {
      Tag t = Tag.fromXmlName(n.name);
      if (t == null || t.value() != v) {
        throw error(BAD_TAG, n, "<" + n.name + " tag=\"" + s + "\">: the element name and the tag disagree");
      }
    }
    return v;
  }

  private static KmipTextException notWellFormed(XMLStreamException e) {
    Location l = e.getLocation();
    String msg = e.getMessage() == null ? "not well-formed" : e.getMessage();
    int m = msg.indexOf("Message: ");
    if (m >= 0) {
      msg = msg.substring(m + "Message: ".length());
    }
    msg = msg.replaceAll("\\s+", " ").strip();
    if (l == null) {
      return new KmipTextException(NOT_WELL_FORMED, 0, 0, -1, "not well-formed XML: " + msg);
    }
    return new KmipTextException(NOT_WELL_FORMED, l.getLineNumber(), l.getColumnNumber(), -1, "not well-formed XML: " + msg);
  }

  private static KmipTextException error(KmipTextException.Problem p, Node n, String detail) {
    return at(p, n.doc, n.start, null, n.staxLine, n.staxColumn, detail);
  }

  /** An error at a character offset of the document, or at the StAX location where that is unknown. */
  private static KmipTextException at(KmipTextException.Problem p, String doc, int offset, Location fallback, String detail) {
    return at(p, doc, offset, fallback, 0, 0, detail);
  }

  private static KmipTextException at(KmipTextException.Problem p, String doc, int offset, Location fallback,
      int fallbackLine, int fallbackColumn, String detail) {
    if (offset < 0 || offset > doc.length()) {
      return fallback == null
          ? new KmipTextException(p, fallbackLine, fallbackColumn, -1, detail)
          : new KmipTextException(p, fallback.getLineNumber(), fallback.getColumnNumber(), -1, detail);
    }
    int line = 1;
    int lineStart = 0;
    for (int i = doc.indexOf('\n'); i >= 0 && i < offset; i = doc.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return new KmipTextException(p, line, offset - lineStart + 1, -1, detail);
  }

  private static int skipSpace(String doc, int offset) {
    int i = Math.max(0, offset);
    while (i < doc.length() && Character.isWhitespace(doc.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * One element, before its value is interpreted (siblings decide an Attribute Value's names).
   * Where it is: the offset of its start tag's {@code <} in the document, turned into line and
   * column only for an error. StAX reports where a start tag ends; a start tag cannot contain a
   * raw {@code <} (not even in attribute values), so the element begins at the last one before
   * that. The StAX position is the fallback where the offset is unknown.
   */
  private static final class Node {
    final String name;
    final String doc;
    final int start;
    final int staxLine;
    final int staxColumn;
    String tagAttr;
    String typeAttr;
    String valueAttr;
    final List<Node> children = new ArrayList<>(2);

    Node(String name, String doc, int start, int staxLine, int staxColumn) {
      this.name = name;
      this.doc = doc;
      this.start = start;
      this.staxLine = staxLine;
      this.staxColumn = staxColumn;
    }
  }

  // ---- writing ----------------------------------------------------------------------------

  /**
   * Writes one item as an XML document (no XML declaration), indented by two spaces per level.
   *
   * @throws IllegalArgumentException for a text value XML 1.0 cannot carry (control characters
   *     other than tab, line feed and carriage return)
   */
  public String write(Ttlv item) {
    StringBuilder sb = new StringBuilder(256);
    writeItem(sb, item, 0, null);
    return sb.toString();
  }

  /** Writes one item as {@link #write}, several inside a {@code <KMIP>} root (none: an empty one). */
  public String writeAll(List<Ttlv> items) {
    if (items.size() == 1) {
      return write(items.get(0));
    }
    StringBuilder sb = new StringBuilder(256 * (items.size() + 1));
    sb.append('<').append(WRAPPER).append(">\n");
    for (Ttlv t : items) {
      writeItem(sb, t, 1, null);
    }
    sb.append("</").append(WRAPPER).append(">\n");
    return sb.toString();
  }

  private static void writeItem(StringBuilder sb, Ttlv t, int level, String siblingAttributeName) {
    indent(sb, level);
    Tag known = Tag.fromValue(t.tag());
    String name = known != null ? known.xmlName() : UNKNOWN_TAG_ELEMENT;
    sb.append('<').append(name);
    if (known == null) {
      sb.append(" tag=\"").append(String.format("0x%06X", t.tag())).append('"');
    }
    if (t.type() == ItemType.STRUCTURE) {
      List<Ttlv> children = t.children();
      if (children.isEmpty()) {
        sb.append("/>\n");
        return;
      }
      sb.append(">\n");
      String attributeName = TextValues.attributeName(children);
      for (Ttlv c : children) {
        writeItem(sb, c, level + 1, attributeName);
      }
      indent(sb, level);
      sb.append("</").append(name).append(">\n");
      return;
    }
    EnumInfo info = TextValues.enumerationFor(t.tag(), siblingAttributeName);
    sb.append(" type=\"").append(t.type().xmlName()).append("\" value=\"");
    escapeAttribute(sb, TextValues.format(t, info, " "), t);
    sb.append("\"/>\n");
  }

  private static void indent(StringBuilder sb, int level) {
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  private static void escapeAttribute(StringBuilder sb, String s, Ttlv t) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\t' -> sb.append("&#9;");
        case '\n' -> sb.append("&#10;");
        case '\r' -> sb.append("&#13;");
        default -> {
          boolean ok = c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
          if (Character.isHighSurrogate(c)) {
            ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (ok) {
              sb.append(c).append(s.charAt(++i));
              continue;
            }
          } else if (Character.isLowSurrogate(c)) {
            ok = false;
          }
          if (!ok) {
            throw new IllegalArgumentException(String.format(
                "%s: character U+%04X at position %d cannot be written in XML 1.0", t.tagName(), (int) c, i));
          }
          sb.append(c);
        }
      }
    }
  }
}
