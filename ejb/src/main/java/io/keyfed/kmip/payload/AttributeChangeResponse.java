package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The response of Add, Modify and Delete Attribute (and of 2.x Set and Adjust Attribute): the
 * Unique Identifier, and in KMIP 1.x the attribute added, modified (new value) or deleted with its
 * Attribute Index, left out when 0 (1.4 §4.14–4.16). KMIP 2.x returns the Unique Identifier only
 * (2.1 §6.1.2, 6.1.3, 6.1.13, 6.1.34, 6.1.51).
 *
 * @param attribute the instance, or null (2.x)
 */
public record AttributeChangeResponse(String uniqueIdentifier, AttributeInstance attribute) {

  public static AttributeChangeResponse decode(Ttlv p) {
    String uid = Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER));
    Ttlv a = p.child(Tag.ATTRIBUTE);
    if (a == null) {
      return new AttributeChangeResponse(uid, null);
    }
    Integer index = AttributeCodec.indexOfV1(a);
    return new AttributeChangeResponse(uid, new AttributeInstance(AttributeCodec.fromV1(a), index == null ? 0 : index));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(2);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    if (!v.atLeast(KmipVersion.V2_0) && attribute != null && AttributeCodec.definedIn(attribute.attribute(), v)) {
      c.add(AttributeCodec.toV1(attribute, v));
    }
    return Payloads.response(c);
  }
}
