package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Get Attributes request (KMIP 1.4 §4.12, 2.1 §6.1.25): no names means all attributes. */
public record GetAttributesRequest(String uniqueIdentifier, List<String> attributeNames) {

  public static GetAttributesRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new GetAttributesRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), AttributeReferences.decodeAll(p));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    c.addAll(AttributeReferences.encodeAll(attributeNames, v));
    return Payloads.request(c);
  }
}
