package io.keyfed.application.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Request payloads as clients of each version write them, and small assertions. */
final class Requests {

  private Requests() {}

  static Attribute algorithm(CryptographicAlgorithm a) {
    return Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, a));
  }

  static Attribute length(int bits) {
    return Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits));
  }

  static Attribute usageMask(int mask) {
    return Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
  }

  static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME,
        Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  static Attribute custom(String name, String value) {
    return new Attribute(name, Ttlv.text(Tag.ATTRIBUTE_VALUE, value));
  }

  /** The attributes in the payload form of {@code v}: Template-Attribute (1.x) or Attributes (2.x). */
  static Ttlv attributes(KmipVersion v, List<Attribute> attributes) {
    return AttributeCodec.toResponse(attributes, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES);
  }

  static Ttlv create(KmipVersion v, ObjectType type, List<Attribute> attributes) {
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, type), attributes(v, attributes));
  }

  static Ttlv createAes(KmipVersion v, int bits, Attribute... more) {
    List<Attribute> a = new ArrayList<>(List.of(algorithm(CryptographicAlgorithm.AES), length(bits)));
    a.addAll(List.of(more));
    return create(v, ObjectType.SYMMETRIC_KEY, a);
  }

  static Ttlv register(KmipVersion v, ObjectType type, List<Attribute> attributes, Ttlv object) {
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, type), attributes(v, attributes), object);
  }

  static Ttlv rawSymmetricKey(byte[] key, Ttlv... moreInKeyValue) {
    List<Ttlv> kv = new ArrayList<>();
    kv.add(Ttlv.bytes(Tag.KEY_MATERIAL, key));
    kv.addAll(List.of(moreInKeyValue));
    return Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, kv),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
  }

  static Ttlv transparentSymmetricKey(byte[] key) {
    return Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bytes(Tag.KEY, key))),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
  }

  static Ttlv secretData(byte[] secret) {
    return Ttlv.structure(Tag.SECRET_DATA,
        Ttlv.enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
        Ttlv.structure(Tag.KEY_BLOCK,
            Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
            Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, secret))));
  }

  static Ttlv uid(String uid) {
    return uid == null
        ? Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())
        : Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
  }

  static Ttlv get(String uid, KeyFormatType format) {
    List<Ttlv> c = new ArrayList<>();
    if (uid != null) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    }
    if (format != null) {
      c.add(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, format));
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  static String uidOf(Ttlv responsePayload) {
    return responsePayload.child(Tag.UNIQUE_IDENTIFIER).asText();
  }

  static KmipException assertFails(ResultReason reason, Runnable r) {
    KmipException e = assertThrows(KmipException.class, r::run);
    assertEquals(reason, e.resultReason(), e.getMessage());
    return e;
  }
}
