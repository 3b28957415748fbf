package io.keyfed.kmip.attribute;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of attributes in requests and responses: a 1.x Attribute Name (text), or a 2.x Attribute
 * Reference, which is an Enumeration whose value is the attribute's tag, or for a vendor attribute
 * a structure of Vendor Identification and Attribute Name. Internally a reference is the 1.x name.
 */
public final class AttributeReferences {

  private AttributeReferences() {}

  /** The names a payload asks for: Attribute Name items (1.x) and Attribute Reference items (2.x). */
  public static List<String> decodeAll(Ttlv payload) {
    List<String> out = new ArrayList<>();
    for (Ttlv c : payload.children()) {
      if (c.is(Tag.ATTRIBUTE_NAME)) {
        out.add(Fields.text(c));
      } else if (c.is(Tag.ATTRIBUTE_REFERENCE)) {
        out.add(decode(c));
      }
    }
    return out;
  }

  public static String decode(Ttlv ref) {
    if (ref.type() == ItemType.ENUMERATION) {
      Tag t = Tag.fromValue(ref.asInt());
      if (t == null) {
        throw KmipException.invalidField(String.format("Attribute Reference to unknown tag 0x%06X", ref.asInt()));
      }
      return t.specName();
    }
    if (ref.type() == ItemType.STRUCTURE) {
      String vendor = Fields.text(Fields.required(ref, Tag.VENDOR_IDENTIFICATION));
      String name = Fields.text(Fields.required(ref, Tag.ATTRIBUTE_NAME));
      return Attribute.customName(vendor, name);
    }
    throw KmipException.invalidField("Attribute Reference must be an Enumeration or a Structure");
  }

  /** The reference items for {@code names} in the form of {@code v}; names {@code v} lacks are left out. */
  public static List<Ttlv> encodeAll(List<String> names, KmipVersion v) {
    List<Ttlv> out = new ArrayList<>(names.size());
    for (String n : names) {
      Tag t = Tag.fromSpecName(n);
      if (!v.atLeast(KmipVersion.V2_0)) {
        if (t == null || t.definedIn(v)) {
          out.add(Ttlv.text(Tag.ATTRIBUTE_NAME, n));
        }
      } else if (t != null) {
        if (t.definedIn(v)) {
          out.add(Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, t.value()));
        }
      } else {
        Attribute probe = new Attribute(n, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 0));
        out.add(Ttlv.structure(Tag.ATTRIBUTE_REFERENCE,
            Ttlv.text(Tag.VENDOR_IDENTIFICATION, probe.vendorIdentification()),
            Ttlv.text(Tag.ATTRIBUTE_NAME, probe.vendorAttributeName())));
      }
    }
    return out;
  }
}
