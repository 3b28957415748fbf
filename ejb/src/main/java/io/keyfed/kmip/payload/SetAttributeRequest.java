package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Set Attribute request (KMIP 2.1 §6.1.51): Unique Identifier, New Attribute. */
public record SetAttributeRequest(String uniqueIdentifier, Attribute attribute) {

  public static SetAttributeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new SetAttributeRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        Payloads.single(Fields.required(p, Tag.NEW_ATTRIBUTE)));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(2);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    c.add(Payloads.wrap(Tag.NEW_ATTRIBUTE, attribute, v));
    return Payloads.request(c);
  }
}
