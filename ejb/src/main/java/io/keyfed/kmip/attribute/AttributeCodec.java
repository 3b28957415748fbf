package io.keyfed.kmip.attribute;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the wire forms of attributes and {@link Attribute}: KMIP 1.x Attribute
 * structures and Template-Attributes, KMIP 2.x Attributes structures with Vendor Attributes. On the
 * way out, an attribute that the client's protocol version does not define is left out: a client
 * of version N never receives a tag that version N does not know.
 */
public final class AttributeCodec {

  private AttributeCodec() {}

  // ---- KMIP 1.x ------------------------------------------------------------------------------

  /** One 1.x Attribute structure: Attribute Name, optional Attribute Index, Attribute Value. */
  public static Attribute fromV1(Ttlv attribute) {
    Fields.structure(attribute);
    String name = Fields.text(Fields.required(attribute, Tag.ATTRIBUTE_NAME));
    Ttlv value = attribute.child(Tag.ATTRIBUTE_VALUE);
    if (value == null) {
      throw KmipException.invalidMessage("Attribute " + name + " has no Attribute Value");
    }
    return fromNameAndValue(name, value);
  }

  /** An attribute from its 1.x name and a value item (any tag). */
  public static Attribute fromNameAndValue(String name, Ttlv value) {
    Tag tag = Tag.fromSpecName(name);
    if (tag == null) {
      if (isCustomName(name)) {
        return new Attribute(name, value.retag(Tag.ATTRIBUTE_VALUE));
      }
      throw KmipException.invalidField("unknown attribute name '" + name + "'");
    }
    checkType(tag, value);
    return new Attribute(tag.specName(), value.retag(tag));
  }

  /** The attributes of a 1.x Template-Attribute (or Common/Private/Public Template-Attribute). */
  public static List<Attribute> fromTemplateAttribute(Ttlv templateAttribute) {
    Fields.structure(templateAttribute);
    if (templateAttribute.child(Tag.NAME) != null) {
      throw KmipException.featureNotSupported("Template objects are not supported; send the attributes themselves");
    }
    List<Attribute> out = new ArrayList<>();
    for (Ttlv a : templateAttribute.children(Tag.ATTRIBUTE)) {
      out.add(fromV1(a));
    }
    return out;
  }

  /**
   * One 1.x Attribute structure for {@code a} with its Attribute Index. Index 0 is left out: every
   * 1.x version assumes 0 when the index is absent (1.0 §2.1.1 "Attributes that have a single
   * instance have an Attribute Index of 0, which is assumed if the Attribute Index is not
   * specified"), and the OASIS test cases of 1.0 to 1.4 send none for index 0.
   */
  public static Ttlv toV1(Attribute a, int index, KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.ATTRIBUTE_NAME, a.name()));
    if (index > 0) {
      c.add(Ttlv.integer(Tag.ATTRIBUTE_INDEX, index));
    }
    c.add(a.value().retag(Tag.ATTRIBUTE_VALUE));
    return Ttlv.structure(Tag.ATTRIBUTE, c);
  }

  public static Ttlv toV1(AttributeInstance i, KmipVersion v) {
    return toV1(i.attribute(), i.index(), v);
  }

  /** 1.x Attribute structures for attribute instances with their stored indices. */
  public static List<Ttlv> toV1Instances(List<AttributeInstance> instances, KmipVersion v) {
    List<Ttlv> out = new ArrayList<>(instances.size());
    for (AttributeInstance i : instances) {
      if (definedIn(i.attribute(), v)) {
        out.add(toV1(i, v));
      }
    }
    return out;
  }

  /** The Attribute Index of a 1.x Attribute structure, or null when it has none. */
  public static Integer indexOfV1(Ttlv attribute) {
    return Fields.optionalInteger(Fields.structure(attribute), Tag.ATTRIBUTE_INDEX);
  }

  /** 1.x Attribute structures for a list of attributes, indexing repeated names. */
  public static List<Ttlv> toV1List(List<Attribute> attributes, KmipVersion v) {
    Map<String, Integer> next = new HashMap<>();
    List<Ttlv> out = new ArrayList<>(attributes.size());
    for (Attribute a : attributes) {
      if (!definedIn(a, v)) {
        continue;
      }
      int index = next.merge(a.name(), 1, Integer::sum) - 1;
      out.add(toV1(a, index, v));
    }
    return out;
  }

  public static Ttlv toTemplateAttribute(Tag wrapper, List<Attribute> attributes, KmipVersion v) {
    return Ttlv.structure(wrapper, toV1List(attributes, v));
  }

  // ---- KMIP 2.x ------------------------------------------------------------------------------

  /** The attributes of a 2.x Attributes structure (or Common/Private/Public Attributes). */
  public static List<Attribute> fromAttributes(Ttlv attributes) {
    Fields.structure(attributes);
    List<Attribute> out = new ArrayList<>(attributes.children().size());
    for (Ttlv c : attributes.children()) {
      if (c.is(Tag.ATTRIBUTE)) {
        out.add(fromVendorAttribute(c));
        continue;
      }
      Tag tag = Tag.fromValue(c.tag());
      if (tag == null) {
        throw KmipException.invalidField(String.format("unknown attribute tag 0x%06X", c.tag()));
      }
      checkType(tag, c);
      out.add(new Attribute(tag.specName(), c));
    }
    return out;
  }

  /** A 2.x Attribute structure carrying a vendor attribute. */
  public static Attribute fromVendorAttribute(Ttlv attribute) {
    Fields.structure(attribute);
    String vendor = Fields.text(Fields.required(attribute, Tag.VENDOR_IDENTIFICATION));
    String name = Fields.text(Fields.required(attribute, Tag.ATTRIBUTE_NAME));
    Ttlv value = Fields.required(attribute, Tag.ATTRIBUTE_VALUE);
    return new Attribute(Attribute.customName(vendor, name), value);
  }

  public static Ttlv toVendorAttribute(Attribute a) {
    return Ttlv.structure(Tag.ATTRIBUTE,
        Ttlv.text(Tag.VENDOR_IDENTIFICATION, a.vendorIdentification()),
        Ttlv.text(Tag.ATTRIBUTE_NAME, a.vendorAttributeName()),
        a.value());
  }

  /** A 2.x Attributes-like structure ({@code wrapper} is Attributes, Common Attributes, ...). */
  public static Ttlv toAttributes(Tag wrapper, List<Attribute> attributes, KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(attributes.size());
    for (Attribute a : attributes) {
      if (a.isCustom()) {
        c.add(toVendorAttribute(a));
      } else if (definedIn(a, v)) {
        c.add(a.value());
      }
    }
    return Ttlv.structure(wrapper, c);
  }

  // ---- either generation ---------------------------------------------------------------------

  /**
   * The attributes a request payload carries in the form its version uses: a Template-Attribute
   * (1.x) or an Attributes structure (2.x), each optional.
   */
  public static List<Attribute> fromRequest(Ttlv payload, Tag v1Wrapper, Tag v2Wrapper) {
    Ttlv v2 = payload.child(v2Wrapper);
    if (v2 != null) {
      return fromAttributes(v2);
    }
    Ttlv v1 = payload.child(v1Wrapper);
    return v1 == null ? new ArrayList<>() : fromTemplateAttribute(v1);
  }

  /** Writes attributes into a response payload in the form of {@code v}. */
  public static Ttlv toResponse(List<Attribute> attributes, KmipVersion v, Tag v1Wrapper, Tag v2Wrapper) {
    return v.atLeast(KmipVersion.V2_0)
        ? toAttributes(v2Wrapper, attributes, v)
        : toTemplateAttribute(v1Wrapper, attributes, v);
  }

  public static boolean definedIn(Attribute a, KmipVersion v) {
    if (a.isCustom()) {
      return true;
    }
    Tag t = a.tag();
    return t != null && t.definedIn(v);
  }

  public static boolean isCustomName(String name) {
    return name.length() > 2 && (name.startsWith("x-") || name.startsWith("y-"));
  }

  private static void checkType(Tag tag, Ttlv value) {
    if (tag.type() != null && tag.type() != value.type()) {
      throw KmipException.invalidField("attribute " + tag.specName() + " must be a " + tag.type().xmlName() + ", not a " + value.type().xmlName());
    }
  }
}
