package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Import request (KMIP 1.4 §4.31, 2.1 §6.1.26): an object with its Unique Identifier and every
 * attribute, as Export gives it; Replace Existing says whether an object of that identifier may
 * be overwritten.
 */
public record ImportRequest(
    String uniqueIdentifier,
    ObjectType objectType,
    Boolean replaceExisting,
    KeyWrapType keyWrapType,
    List<Attribute> attributes,
    Ttlv object) {

  public static ImportRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    ObjectType type = Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue);
    Tag objectTag = ManagedObjects.tagOf(type);
    Ttlv object = p.child(objectTag);
    if (object == null) {
      throw KmipException.invalidMessage("Import of a " + type.specName() + " needs a " + objectTag.xmlName() + " object");
    }
    return new ImportRequest(
        Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        type,
        Fields.optionalBool(p, Tag.REPLACE_EXISTING),
        Fields.optionalEnum(p, Tag.KEY_WRAP_TYPE, KeyWrapType::fromValue),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES),
        Fields.structure(object));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    if (replaceExisting != null) {
      c.add(Ttlv.bool(Tag.REPLACE_EXISTING, replaceExisting));
    }
    if (keyWrapType != null) {
      c.add(Ttlv.enumeration(Tag.KEY_WRAP_TYPE, keyWrapType));
    }
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    c.add(object);
    return Payloads.request(c);
  }
}
