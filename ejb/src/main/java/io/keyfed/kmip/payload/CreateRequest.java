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

/** Create request (KMIP 1.4 §4.1, 2.1 §6.1.9): the object type and the client's attributes. */
public record CreateRequest(ObjectType objectType, List<Attribute> attributes) {

  public static CreateRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new CreateRequest(
        Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(2);
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    return Payloads.request(c);
  }
}
