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
 * Re-key Key Pair request (KMIP 1.4 §4.5, 2.1 §6.1 Re-key Key Pair): the existing Private Key (ID
 * Placeholder when absent), the Offset, and attributes for the replacement pair as in Create Key
 * Pair. The response is a {@link CreateKeyPairResponse}.
 */
public record ReKeyKeyPairRequest(String privateKeyUniqueIdentifier, Long offset, List<Attribute> commonAttributes,
    List<Attribute> privateKeyAttributes, List<Attribute> publicKeyAttributes) {

  public static ReKeyKeyPairRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv offset = p.child(Tag.OFFSET);
    return new ReKeyKeyPairRequest(Fields.optionalText(p, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER),
        offset == null ? null : Fields.interval(offset),
        AttributeCodec.fromRequest(p, Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES),
        AttributeCodec.fromRequest(p, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_ATTRIBUTES),
        AttributeCodec.fromRequest(p, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(5);
    Payloads.addText(c, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier);
    if (offset != null) {
      c.add(Ttlv.interval(Tag.OFFSET, offset));
    }
    c.addAll(CreateKeyPairRequest.encodeAttributes(commonAttributes, privateKeyAttributes, publicKeyAttributes, v));
    return Payloads.request(c);
  }
}
