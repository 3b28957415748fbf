package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Adjust Attribute request (KMIP 2.1 §6.1.3): Unique Identifier, Attribute Reference, Adjustment
 * Type, OPTIONAL Adjustment Value (of the adjusted value's kind: a number, or seconds for a date).
 */
public record AdjustAttributeRequest(String uniqueIdentifier, String attributeName, AdjustmentType adjustmentType,
    Ttlv adjustmentValue) {

  public static AdjustAttributeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new AdjustAttributeRequest(
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        AttributeReferences.decode(Fields.required(p, Tag.ATTRIBUTE_REFERENCE)),
        Fields.enumeration(Fields.required(p, Tag.ADJUSTMENT_TYPE), AdjustmentType::fromValue),
        p.child(Tag.ADJUSTMENT_VALUE));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(4);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    c.addAll(AttributeReferences.encodeAll(List.of(attributeName), v));
    c.add(Ttlv.enumeration(Tag.ADJUSTMENT_TYPE, adjustmentType));
    if (adjustmentValue != null) {
      c.add(adjustmentValue.retag(Tag.ADJUSTMENT_VALUE));
    }
    return Payloads.request(c);
  }
}
