package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.DerivationMethod;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Derive Key request (KMIP 1.4 §4.6, 2.1 §6.1.15): the type of the new object, the objects to
 * derive from (none: the ID Placeholder), the Derivation Method and Parameters, and the new
 * object's attributes (Template-Attribute in 1.x, Attributes in 2.x).
 */
public record DeriveKeyRequest(
    ObjectType objectType,
    List<String> uniqueIdentifiers,
    DerivationMethod derivationMethod,
    Ttlv derivationParameters,
    List<Attribute> attributes) {

  public static DeriveKeyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new DeriveKeyRequest(
        Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue),
        Payloads.texts(p, Tag.UNIQUE_IDENTIFIER),
        Fields.enumeration(Fields.required(p, Tag.DERIVATION_METHOD), DerivationMethod::fromValue),
        p.child(Tag.DERIVATION_PARAMETERS) == null ? null : Fields.structure(p.child(Tag.DERIVATION_PARAMETERS)),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    for (String uid : uniqueIdentifiers) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    }
    c.add(Ttlv.enumeration(Tag.DERIVATION_METHOD, derivationMethod));
    if (derivationParameters != null) {
      c.add(derivationParameters);
    }
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    return Payloads.request(c);
  }
}
