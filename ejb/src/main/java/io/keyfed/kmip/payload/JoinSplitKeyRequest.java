package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Join Split Key request (KMIP 1.4 §4.39, 2.1 §6.1.29): the type of the joined object, the Split
 * Keys to join, the Secret Data Type when it is Secret Data, and the new object's attributes.
 */
public record JoinSplitKeyRequest(
    ObjectType objectType,
    List<String> uniqueIdentifiers,
    SecretDataType secretDataType,
    List<Attribute> attributes) {

  public static JoinSplitKeyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new JoinSplitKeyRequest(
        Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue),
        Payloads.texts(p, Tag.UNIQUE_IDENTIFIER),
        Fields.optionalEnum(p, Tag.SECRET_DATA_TYPE, SecretDataType::fromValue),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    for (String uid : uniqueIdentifiers) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    }
    if (secretDataType != null) {
      c.add(Ttlv.enumeration(Tag.SECRET_DATA_TYPE, secretDataType));
    }
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    return Payloads.request(c);
  }
}
