package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Create response. In 1.x it may carry a Template-Attribute with the attributes the server set
 * implicitly; 2.x dropped that field, so it is written only for 1.x clients.
 */
public record CreateResponse(ObjectType objectType, String uniqueIdentifier, List<Attribute> implicitAttributes) {

  public static CreateResponse decode(Ttlv p) {
    Ttlv ta = p.child(Tag.TEMPLATE_ATTRIBUTE);
    return new CreateResponse(
        Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue),
        Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        ta == null ? List.of() : AttributeCodec.fromTemplateAttribute(ta));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    if (!v.atLeast(KmipVersion.V2_0) && implicitAttributes != null && !implicitAttributes.isEmpty()) {
      c.add(AttributeCodec.toTemplateAttribute(Tag.TEMPLATE_ATTRIBUTE, implicitAttributes, v));
    }
    return Payloads.response(c);
  }
}
