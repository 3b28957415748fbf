package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete Attribute request: KMIP 1.4 §4.16 (Unique Identifier, Attribute Name, OPTIONAL Attribute
 * Index) and 2.1 §6.1.13 (Unique Identifier, Current Attribute, or Attribute Reference for every
 * instance).
 *
 * @param attributeName the attribute (the Current Attribute's name when there is one)
 * @param attributeIndex the 1.x Attribute Index, or null
 * @param currentAttribute the 2.x Current Attribute, or null
 * @param v2 whether the request had the 2.x form
 */
public record DeleteAttributeRequest(String uniqueIdentifier, String attributeName, Integer attributeIndex,
    Attribute currentAttribute, boolean v2) {

  public static DeleteAttributeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    String uid = Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER);
    Ttlv current = p.child(Tag.CURRENT_ATTRIBUTE);
    if (current != null) {
      Attribute a = Payloads.single(current);
      return new DeleteAttributeRequest(uid, a.name(), null, a, true);
    }
    Ttlv ref = p.child(Tag.ATTRIBUTE_REFERENCE);
    if (ref != null) {
      return new DeleteAttributeRequest(uid, AttributeReferences.decode(ref), null, null, true);
    }
    Ttlv name = p.child(Tag.ATTRIBUTE_NAME);
    if (name == null) {
      throw KmipException.invalidMessage("Delete Attribute needs an Attribute Name (1.x), or a Current Attribute or Attribute Reference (2.x)");
    }
    return new DeleteAttributeRequest(uid, Fields.text(name), Fields.optionalInteger(p, Tag.ATTRIBUTE_INDEX), null, false);
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (v.atLeast(KmipVersion.V2_0)) {
      if (currentAttribute != null) {
        c.add(Payloads.wrap(Tag.CURRENT_ATTRIBUTE, currentAttribute, v));
      } else {
        c.addAll(AttributeReferences.encodeAll(List.of(attributeName), v));
      }
    } else {
      c.add(Ttlv.text(Tag.ATTRIBUTE_NAME, attributeName));
      Payloads.addInt(c, Tag.ATTRIBUTE_INDEX, attributeIndex);
    }
    return Payloads.request(c);
  }
}
