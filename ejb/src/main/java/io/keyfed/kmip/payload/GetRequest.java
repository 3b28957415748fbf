package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KeyCompressionType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Get request (KMIP 1.4 §4.11, 2.1 §6.1.24). */
public record GetRequest(
    String uniqueIdentifier,
    KeyFormatType keyFormatType,
    KeyWrapType keyWrapType,
    KeyCompressionType keyCompressionType,
    Ttlv keyWrappingSpecification) {

  public static GetRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new GetRequest(
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        Fields.optionalEnum(p, Tag.KEY_FORMAT_TYPE, KeyFormatType::fromValue),
        Fields.optionalEnum(p, Tag.KEY_WRAP_TYPE, KeyWrapType::fromValue),
        Fields.optionalEnum(p, Tag.KEY_COMPRESSION_TYPE, KeyCompressionType::fromValue),
        p.child(Tag.KEY_WRAPPING_SPECIFICATION));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (keyFormatType != null) {
      c.add(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, keyFormatType));
    }
    if (keyWrapType != null) {
      c.add(Ttlv.enumeration(Tag.KEY_WRAP_TYPE, keyWrapType));
    }
    if (keyCompressionType != null) {
      c.add(Ttlv.enumeration(Tag.KEY_COMPRESSION_TYPE, keyCompressionType));
    }
    if (keyWrappingSpecification != null) {
      c.add(keyWrappingSpecification);
    }
    return Payloads.request(c);
  }
}
