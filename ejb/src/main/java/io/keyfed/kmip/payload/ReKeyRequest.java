package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-key request (KMIP 1.4 §4.4, 2.1 §6.1 Re-key): the existing Symmetric Key (ID Placeholder when
 * absent), the Offset in seconds between the replacement's Initial Date and its Activation Date,
 * and attributes for the replacement (1.x Template-Attribute, 2.x Attributes).
 */
public record ReKeyRequest(String uniqueIdentifier, Long offset, List<Attribute> attributes) {

  public static ReKeyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv offset = p.child(Tag.OFFSET);
    return new ReKeyRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), offset == null ? null : Fields.interval(offset),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (offset != null) {
      c.add(Ttlv.interval(Tag.OFFSET, offset));
    }
    if (attributes != null && !attributes.isEmpty()) {
      c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    }
    return Payloads.request(c);
  }
}
