package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.CertificateRequestType;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Certify and Re-certify requests (KMIP 1.4 §4.7, §4.8; 2.1 §6.1.6, §6.1.42). The object to
 * certify (a Public Key, or for Re-certify the existing Certificate), the certificate request
 * (1.x: Certificate Request, a Byte String; 2.x: Certificate Request Value, or a registered
 * Certificate Request object by its Unique Identifier), the Offset of Re-certify, and the new
 * certificate's attributes.
 */
public record CertifyRequest(
    String uniqueIdentifier,
    String certificateRequestUniqueIdentifier,
    CertificateRequestType certificateRequestType,
    byte[] certificateRequestValue,
    Long offset,
    List<Attribute> attributes) {

  public static CertifyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv value = p.child(Tag.CERTIFICATE_REQUEST_VALUE);
    if (value == null) {
      Ttlv v1 = p.child(Tag.CERTIFICATE_REQUEST);
      value = v1 != null && v1.type() == ItemType.BYTE_STRING ? v1 : null;
    }
    Ttlv offset = p.child(Tag.OFFSET);
    return new CertifyRequest(
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        Fields.optionalText(p, Tag.CERTIFICATE_REQUEST_UNIQUE_IDENTIFIER),
        Fields.optionalEnum(p, Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType::fromValue),
        value == null ? null : Fields.bytes(value),
        offset == null ? null : Fields.interval(offset),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (v.atLeast(KmipVersion.V2_0)) {
      Payloads.addText(c, Tag.CERTIFICATE_REQUEST_UNIQUE_IDENTIFIER, certificateRequestUniqueIdentifier);
    }
    if (certificateRequestType != null) {
      c.add(Ttlv.enumeration(Tag.CERTIFICATE_REQUEST_TYPE, certificateRequestType));
    }
    if (certificateRequestValue != null) {
      c.add(Ttlv.bytes(v.atLeast(KmipVersion.V2_0) ? Tag.CERTIFICATE_REQUEST_VALUE : Tag.CERTIFICATE_REQUEST,
          certificateRequestValue));
    }
    if (offset != null) {
      c.add(Ttlv.interval(Tag.OFFSET, offset));
    }
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    return Payloads.request(c);
  }
}
