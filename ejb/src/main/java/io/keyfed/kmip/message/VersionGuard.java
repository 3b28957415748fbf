package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last line between the server's one internal model and a client of version N: a response
 * to that client carries no tag and no attribute that KMIP N does not define (issue 3). Handlers
 * already answer in the request's version; this guard catches what one of them gets wrong, so a
 * strict client (PyKMIP 0.10 fails a whole Get Attributes on one tag it cannot decode) is never
 * sent it.
 *
 * <p>What counts as "not defined in N", from the tables in {@code ejb/src/main/spec}:
 * <ul>
 *   <li>a tag of the KMIP range (0x42xxxx) that N lacks — added after N, removed by N, or in no
 *       version at all — or one written with an item type N does not give it;
 *   <li>in KMIP 1.x, an Attribute whose Attribute Name is a standard attribute (the name of a
 *       tag) that N lacks. Custom attributes ({@code x-}, {@code y-}) belong to every version.
 * </ul>
 * Vendor-extension tags (0x54xxxx) are the vendor's to define and pass untouched. What the guard
 * leaves out goes to the {@code dropped} callback as a path such as
 * {@code Response Payload/Attribute[Original Creation Date]}: a line there means a handler bug.
 */
public final class VersionGuard {

  private static final int VENDOR_RANGE = 0x54;

  private VersionGuard() {
  }

  /** Every place where {@code tree} goes beyond version {@code v}, as paths; empty when it fits. */
  public static List<String> violations(Ttlv tree, KmipVersion v) {
    List<String> out = new ArrayList<>();
    confine(tree, v, out::add);
    return out;
  }

  /**
   * {@code tree} without the items that version {@code v} does not define (each reported to
   * {@code dropped}); the tree itself when everything fits. Null when the root itself does not fit.
   */
  public static Ttlv confine(Ttlv tree, KmipVersion v, Consumer<String> dropped) {
    if (tree == null) {
      return null;
    }
    String why = misfit(tree, v);
    if (why != null) {
      dropped.accept(label(tree) + " (" + why + ")");
      return null;
    }
    return confineChildren(tree, v, label(tree), dropped);
  }

  private static Ttlv confineChildren(Ttlv t, KmipVersion v, String path, Consumer<String> dropped) {
    if (!t.isStructure() || (t.tag() >>> 16) == VENDOR_RANGE) {
      return t;
    }
    List<Ttlv> kept = null;
    List<Ttlv> children = t.children();
    for (int i = 0; i < children.size(); i++) {
      Ttlv c = children.get(i);
      String why = misfit(c, v);
      Ttlv confined = why == null ? confineChildren(c, v, path + "/" + label(c), dropped) : null;
      if (why != null) {
        dropped.accept(path + "/" + label(c) + " (" + why + ")");
      }
      if (confined != c && kept == null) {
        kept = new ArrayList<>(children.subList(0, i));
      }
      if (kept != null && confined != null) {
        kept.add(confined);
      }
    }
    return kept == null ? t : Ttlv.structure(t.tag(), kept);
  }

  /** Why version {@code v} does not define this item, or null when it does. */
  private static String misfit(Ttlv t, KmipVersion v) {
    if ((t.tag() >>> 16) == VENDOR_RANGE) {
      return null;
    }
    Tag tag = Tag.fromValue(t.tag());
    if (tag == null) {
      return "no KMIP version defines this tag";
    }
    if (!tag.definedIn(v)) {
      return "KMIP " + v.label() + " does not define " + tag.specName();
    }
    List<ItemType> types = tag.typesIn(v);
    if (!types.isEmpty() && !types.contains(t.type())) {
      return "KMIP " + v.label() + " gives " + tag.specName() + " the type " + types + ", not " + t.type();
    }
    if (tag == Tag.ATTRIBUTE && !v.atLeast(KmipVersion.V2_0) && t.isStructure()) {
      Ttlv name = t.child(Tag.ATTRIBUTE_NAME);
      Tag standard = name == null || name.type() != ItemType.TEXT_STRING ? null : Tag.fromSpecName(name.asText());
      if (standard != null && !standard.definedIn(v)) {
        return "KMIP " + v.label() + " has no attribute " + standard.specName();
      }
    }
    return null;
  }

  private static String label(Ttlv t) {
    if (t.is(Tag.ATTRIBUTE) && t.isStructure()) {
      Ttlv name = t.child(Tag.ATTRIBUTE_NAME);
      if (name != null && name.type() == ItemType.TEXT_STRING) {
        return t.tagName() + "[" + name.asText() + "]";
      }
    }
    return t.tagName();
  }
}
