package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Get Attributes response: Attribute structures in 1.x, one Attributes structure in 2.x. */
public record GetAttributesResponse(String uniqueIdentifier, List<Attribute> attributes) {

  public static GetAttributesResponse decode(Ttlv p) {
    List<Attribute> attrs = new ArrayList<>();
    Ttlv v2 = p.child(Tag.ATTRIBUTES);
    if (v2 != null) {
      attrs.addAll(AttributeCodec.fromAttributes(v2));
    }
    for (Ttlv a : p.children(Tag.ATTRIBUTE)) {
      attrs.add(AttributeCodec.fromV1(a));
    }
    return new GetAttributesResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), attrs);
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(attributes.size() + 1);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, attributes, v));
    } else {
      c.addAll(AttributeCodec.toV1List(attributes, v));
    }
    return Payloads.response(c);
  }
}
