package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/**
 * Export response (KMIP 1.4 §4.32, 2.1 §6.1.20): the object with every attribute, in the form
 * Import takes. (The request has the fields of Get and is decoded as a {@link GetRequest}.)
 */
public record ExportResponse(ObjectType objectType, String uniqueIdentifier, List<Attribute> attributes, Ttlv object) {

  public Ttlv encode(KmipVersion v) {
    return Payloads.response(List.of(
        Ttlv.enumeration(Tag.OBJECT_TYPE, objectType),
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier),
        AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES),
        object));
  }
}
