package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.SplitKeyMethod;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Create Split Key request (KMIP 1.4 §4.38, 2.1 §6.1.11): the key to split (none: the server
 * makes a new one), how many parts, how many join it, the method, and the parts' attributes.
 */
public record CreateSplitKeyRequest(
    ObjectType objectType,
    String uniqueIdentifier,
    int splitKeyParts,
    int splitKeyThreshold,
    SplitKeyMethod splitKeyMethod,
    BigInteger primeFieldSize,
    List<Attribute> attributes) {

  public static CreateSplitKeyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv prime = p.child(Tag.PRIME_FIELD_SIZE);
    if (prime != null && prime.type() != ItemType.BIG_INTEGER) {
      throw io.keyfed.kmip.message.KmipException.invalidField("Prime Field Size must be a Big Integer");
    }
    return new CreateSplitKeyRequest(
        Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue),
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        Fields.integer(Fields.required(p, Tag.SPLIT_KEY_PARTS)),
        Fields.integer(Fields.required(p, Tag.SPLIT_KEY_THRESHOLD)),
        Fields.enumeration(Fields.required(p, Tag.SPLIT_KEY_METHOD), SplitKeyMethod::fromValue),
        prime == null ? null : prime.asBigInteger(),
        AttributeCodec.fromRequest(p, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.enumeration(Tag.OBJECT_TYPE, objectType));
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    c.add(Ttlv.integer(Tag.SPLIT_KEY_PARTS, splitKeyParts));
    c.add(Ttlv.integer(Tag.SPLIT_KEY_THRESHOLD, splitKeyThreshold));
    c.add(Ttlv.enumeration(Tag.SPLIT_KEY_METHOD, splitKeyMethod));
    if (primeFieldSize != null) {
      c.add(Ttlv.bigInteger(Tag.PRIME_FIELD_SIZE, primeFieldSize));
    }
    c.add(AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    return Payloads.request(c);
  }
}
