package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Get Attribute List response (KMIP 1.4 §4.13, 2.1 §6.1.26): names (1.x) or references (2.x). */
public record GetAttributeListResponse(String uniqueIdentifier, List<String> attributeNames) {

  public static GetAttributeListResponse decode(Ttlv p) {
    return new GetAttributeListResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), AttributeReferences.decodeAll(p));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(attributeNames.size() + 1);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    c.addAll(AttributeReferences.encodeAll(attributeNames, v));
    return Payloads.response(c);
  }
}
