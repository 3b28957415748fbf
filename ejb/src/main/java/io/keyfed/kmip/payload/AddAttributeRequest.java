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
 * Add Attribute request: KMIP 1.4 §4.14 (Unique Identifier, Attribute, whose Attribute Index "SHALL
 * NOT be specified") and 2.1 §6.1.2 (Unique Identifier, New Attribute). A missing Unique Identifier
 * means the ID Placeholder.
 *
 * @param attributeIndex the Attribute Index a 1.x request gave anyway (an error), or null
 */
public record AddAttributeRequest(String uniqueIdentifier, Attribute attribute, Integer attributeIndex) {

  public static AddAttributeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    String uid = Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER);
    Ttlv v2 = p.child(Tag.NEW_ATTRIBUTE);
    if (v2 != null) {
      return new AddAttributeRequest(uid, Payloads.single(v2), null);
    }
    Ttlv v1 = p.child(Tag.ATTRIBUTE);
    if (v1 == null) {
      throw KmipException.invalidMessage("Add Attribute needs an Attribute (1.x) or a New Attribute (2.x)");
    }
    return new AddAttributeRequest(uid, AttributeCodec.fromV1(v1), AttributeCodec.indexOfV1(v1));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(2);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(Payloads.wrap(Tag.NEW_ATTRIBUTE, attribute, v));
    } else {
      c.add(AttributeCodec.toV1(attribute, attributeIndex == null ? 0 : attributeIndex, v));
    }
    return Payloads.request(c);
  }
}
