package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Modify Attribute request: KMIP 1.4 §4.15 (Unique Identifier, Attribute with an OPTIONAL Attribute
 * Index, 0 when absent) and 2.1 §6.1.34 (Unique Identifier, OPTIONAL Current Attribute, New
 * Attribute).
 *
 * @param currentAttribute the 2.x Current Attribute, or null
 * @param attribute the new value (1.x Attribute, 2.x New Attribute)
 * @param attributeIndex the 1.x Attribute Index, or null
 * @param v2 whether the request had the 2.x form
 */
public record ModifyAttributeRequest(String uniqueIdentifier, Attribute currentAttribute, Attribute attribute,
    Integer attributeIndex, boolean v2) {

  public static ModifyAttributeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    String uid = Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER);
    Ttlv next = p.child(Tag.NEW_ATTRIBUTE);
    if (next != null) {
      Ttlv current = p.child(Tag.CURRENT_ATTRIBUTE);
      return new ModifyAttributeRequest(uid, current == null ? null : Payloads.single(current), Payloads.single(next), null, true);
    }
    Ttlv v1 = p.child(Tag.ATTRIBUTE);
    if (v1 == null) {
      throw KmipException.invalidMessage("Modify Attribute needs an Attribute (1.x) or a New Attribute (2.x)");
    }
    return new ModifyAttributeRequest(uid, null, AttributeCodec.fromV1(v1), AttributeCodec.indexOfV1(v1), false);
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (v.atLeast(KmipVersion.V2_0)) {
      if (currentAttribute != null) {
        c.add(Payloads.wrap(Tag.CURRENT_ATTRIBUTE, currentAttribute, v));
      }
      c.add(Payloads.wrap(Tag.NEW_ATTRIBUTE, attribute, v));
    } else {
      List<Ttlv> a = new ArrayList<>(AttributeCodec.toV1(attribute, 0, v).children());
      if (attributeIndex != null) {
        a.add(1, Ttlv.integer(Tag.ATTRIBUTE_INDEX, attributeIndex));
      }
      c.add(Ttlv.structure(Tag.ATTRIBUTE, a));
    }
    return Payloads.request(c);
  }
}
