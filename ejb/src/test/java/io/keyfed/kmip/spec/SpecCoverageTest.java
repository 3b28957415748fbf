package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.fail;

import io.keyfed.kmip.vectors.VectorFiles;
import io.keyfed.kmip.vectors.VectorFiles.VectorFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every name the OASIS test-case vectors use must resolve through the generated tables: element
 * names as {@link Tag}s, {@code type=} as {@link ItemType}s, and the names in {@code value=} of
 * Enumerations and of mask Integers through the tag's {@link EnumInfo}. A 1.x Attribute Value takes
 * the enumeration of the attribute its sibling Attribute Name names. Names a file writes as hex
 * ({@code tag="0x..."}, {@code value="0x..."}) are vendor or unknown items and are not looked up.
 *
 * <p>The files are read by {@link VectorFiles} (location, the {@code # TIME} markers, the one
 * repaired file).
 */
class SpecCoverageTest {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+");

  private static final List<String> WRAPPERS = VectorFiles.WRAPPERS;

  @Test
  void everyNameInTheVectorsResolves() throws Exception {
    Path dir = VectorFiles.root();
    List<Path> files = VectorFiles.list(dir);

    Map<String, Map<String, Integer>> unresolved = new TreeMap<>();
    List<String> repaired = new ArrayList<>();
    int elements = 0;
    for (Path f : files) {
      VectorFile vf = VectorFiles.read(dir, f);
      if (vf.repaired()) {
        repaired.add(vf.relative());
      }
      Checker c = new Checker();
      c.walk(vf.document().getDocumentElement(), true);
      elements += c.elements;
      if (!c.unresolved.isEmpty()) {
        unresolved.put(vf.relative(), c.unresolved);
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
