package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Every name the OASIS test-case vectors use must resolve through the generated tables: element
 * names as {@link Tag}s, {@code type=} as {@link ItemType}s, and the names in {@code value=} of
 * Enumerations and of mask Integers through the tag's {@link EnumInfo}. A 1.x Attribute Value takes
 * the enumeration of the attribute its sibling Attribute Name names. Names a file writes as hex
 * ({@code tag="0x..."}, {@code value="0x..."}) are vendor or unknown items and are not looked up.
 *
 * <p>The vectors live outside the module: system property {@code keyfed.vectors}, by default
 * {@code ../../shared/kmip-vectors} from the ejb module.
 */
class SpecCoverageTest {

  /** "# TIME n" step offsets that the 1.0-1.3 documents put between messages; not XML. */
  private static final Pattern TIME_MARK = Pattern.compile("#\\s*TIME\\s+\\d+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+");

  /** Document roots that wrap the messages and are not tags: KMIP, and Cosmian's 1.0 extraction root. */
  private static final List<String> WRAPPERS = List.of("KMIP", "KmipTestCase");

  @Test
  void everyNameInTheVectorsResolves() throws Exception {
    String configured = System.getProperty("keyfed.vectors");
    Path dir = Path.of(configured != null ? configured : "../../shared/kmip-vectors");
    if (configured == null) {
      assumeTrue(Files.isDirectory(dir), "no vectors at " + dir.toAbsolutePath());
    }
    assertTrue(Files.isDirectory(dir), "keyfed.vectors is not a directory: " + dir);

    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() > 0, "no *.xml under " + dir);

    Map<String, Map<String, Integer>> unresolved = new TreeMap<>();
    List<String> repaired = new ArrayList<>();
    int elements = 0;
    for (Path f : files) {
      String rel = dir.relativize(f).toString();
      Document doc = parse(f, rel, repaired);
      Checker c = new Checker();
      c.walk(doc.getDocumentElement(), true);
      elements += c.elements;
      if (!c.unresolved.isEmpty()) {
        unresolved.put(rel, c.unresolved);
      }
    }
    System.out.printf("SpecCoverageTest: %d files, %d elements; repaired: %s%n", files.size(),
        elements, repaired.isEmpty() ? "none" : repaired);
    if (!unresolved.isEmpty()) {
      StringBuilder sb = new StringBuilder("names the spec tables do not resolve:\n");
      unresolved.forEach((file, items) -> items.forEach((item, n) ->
          sb.append("  ").append(file).append(": ").append(item).append(" x").append(n).append('\n')));
      fail(sb.toString());
    }
  }

  /**
   * Parses with DTDs disallowed. One published file (v1.4 TC-ECDSA-SIGN-1-14) closes its root
   * twice; a document whose root end tag is followed by a second copy of it is cut after the first
   * and listed as repaired, any other malformed file fails the test.
   */
  private static Document parse(Path f, String rel, List<String> repaired) throws Exception {
    String text = TIME_MARK.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("");
    DocumentBuilder builder = builder();
    try {
      return builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXException e) {
      for (String root : WRAPPERS) {
        String end = "</" + root + ">";
        int first = text.indexOf(end);
        if (first >= 0 && text.indexOf(end, first + end.length()) >= 0) {
          repaired.add(rel);
          return builder().parse(new InputSource(new StringReader(text.substring(0, first + end.length()))));
        }
      }
      throw new AssertionError(rel + " is not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    dbf.setXIncludeAware(false);
    dbf.setExpandEntityReferences(false);
    DocumentBuilder b = dbf.newDocumentBuilder();
    b.setErrorHandler(new org.xml.sax.ErrorHandler() {
      @Override
      public void warning(org.xml.sax.SAXParseException e) {}

      @Override
      public void error(org.xml.sax.SAXParseException e) throws SAXException {
        throw e;
      }

      @Override
      public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
        throw e;
      }
    });
    return b;
  }

  private static final class Checker {
    final Map<String, Integer> unresolved = new TreeMap<>();
    int elements;

    void miss(String what) {
      unresolved.merge(what, 1, Integer::sum);
    }

    void walk(Element e, boolean root) {
      elements++;
      String name = e.getTagName();
      String typeAttr = e.getAttribute("type");
      ItemType type = typeAttr.isEmpty() ? ItemType.STRUCTURE : ItemType.fromXmlName(typeAttr);
      if (type == null) {
        miss("type=\"" + typeAttr + "\"");
      }
      Tag tag = null;
      if (e.hasAttribute("tag")) {
        if (!e.getAttribute("tag").matches("0x[0-9A-Fa-f]{6}")) {
          miss("tag=\"" + e.getAttribute("tag") + "\"");
        }
      } else if (!(root && WRAPPERS.contains(name))) {
        tag = Tag.fromXmlName(name);
        if (tag == null) {
          miss("element <" + name + ">");
        }
      }
      if (tag != null && e.hasAttribute("value") && type != null) {
        checkValue(e, tag, type, e.getAttribute("value"));
      }
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element child) {
          walk(child, false);
        }
      }
    }

    void checkValue(Element e, Tag tag, ItemType type, String value) {
      if (type != ItemType.ENUMERATION && type != ItemType.INTEGER) {
        return;
      }
      String owner = tag.xmlName();
      EnumInfo info = tag.enumeration();
      if (tag == Tag.ATTRIBUTE_VALUE) {
        String attributeName = siblingAttributeName(e);
        Tag attribute = Tag.fromSpecName(attributeName);
        owner = "AttributeValue of \"" + attributeName + "\"";
        info = attribute == null ? null : attribute.enumeration();
      }
      boolean hex = value.startsWith("0x") || value.startsWith("0X");
      if (type == ItemType.INTEGER) {
        if (info == null || !info.mask() || hex || NUMBER.matcher(value.trim()).matches()) {
          return;
        }
      } else if (hex) {
        return;
      }
      if (info == null) {
        miss(owner + " has no enumeration for value \"" + value + "\"");
      } else if (info.mask() ? info.namesToMask(value) == null : info.valueOf(value) == null) {
        miss(owner + " " + info.name() + " value \"" + value + "\"");
      }
    }

    static String siblingAttributeName(Element e) {
      Node parent = e.getParentNode();
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element s && s.getTagName().equals(Tag.ATTRIBUTE_NAME.xmlName())) {
          return s.getAttribute("value");
        }
      }
      return null;
    }
  }

}
