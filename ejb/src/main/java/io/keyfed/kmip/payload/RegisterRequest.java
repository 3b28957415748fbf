package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Register request (KMIP 1.4 §4.3, 2.1 §6.1.43): object type, attributes, and the object itself
 * (a Symmetric Key, Secret Data, ... structure, whose tag is the object type's name).
 */
public record RegisterRequest(ObjectType objectType, List<Attribute> attributes, Ttlv object) {

  public static RegisterRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    ObjectType type = Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue);
    Tag objectTag = ManagedObjects.tagOf(type);
    Ttlv object = p.child(objectTag);
    if (object == null) {
      throw KmipException.invalidMessage("Register of a " + type.specName() + " needs a " + objectTag.xmlName() + " object");
    }
    return new RegisterRequest(type, AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES), Fields.structure(object));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    c.add(object);
    return Payloads.request(c);
  }
}
