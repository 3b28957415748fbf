package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Get Attributes response: Attribute structures with their Attribute Indices in 1.x, one
 * Attributes structure in 2.x.
 */
public record GetAttributesResponse(String uniqueIdentifier, List<AttributeInstance> instances) {

  /** Attributes numbered by their position among namesakes (for callers without stored indices). */
  public static GetAttributesResponse of(String uniqueIdentifier, List<Attribute> attributes) {
    List<AttributeInstance> out = new ArrayList<>(attributes.size());
    java.util.Map<String, Integer> next = new java.util.HashMap<>();
    for (Attribute a : attributes) {
      out.add(new AttributeInstance(a, next.merge(a.name(), 1, Integer::sum) - 1));
    }
    return new GetAttributesResponse(uniqueIdentifier, out);
  }

  public static GetAttributesResponse decode(Ttlv p) {
    List<AttributeInstance> attrs = new ArrayList<>();
    Ttlv v2 = p.child(Tag.ATTRIBUTES);
    if (v2 != null) {
      for (Attribute a : AttributeCodec.fromAttributes(v2)) {
        attrs.add(new AttributeInstance(a, 0));
      }
    }
    for (Ttlv a : p.children(Tag.ATTRIBUTE)) {
      Integer index = AttributeCodec.indexOfV1(a);
      attrs.add(new AttributeInstance(AttributeCodec.fromV1(a), index == null ? 0 : index));
    }
    return new GetAttributesResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), attrs);
  }

  /** The attributes without their indices. */
  public List<Attribute> attributes() {
    List<Attribute> out = new ArrayList<>(instances.size());
    for (AttributeInstance i : instances) {
      out.add(i.attribute());
    }
    return out;
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(instances.size() + 1);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, attributes(), v));
    } else {
      c.addAll(AttributeCodec.toV1Instances(instances, v));
    }
    return Payloads.response(c);
  }
}
