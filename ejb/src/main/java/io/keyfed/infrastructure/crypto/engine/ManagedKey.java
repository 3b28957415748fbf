package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * A Managed Cryptographic Object with a Key Block (Symmetric Key, Public Key, Private Key, Split
 * Key, Secret Data; KMIP 1.4 §2.2), read once: the object structure and its Key Block's fields.
 */
record ManagedKey(Ttlv object, ObjectType objectType, Ttlv keyBlock, KeyFormatType keyFormatType,
    CryptographicAlgorithm algorithm, Integer length, Ttlv keyValue, Ttlv keyWrappingData) {

  static ManagedKey of(Ttlv object) {
    if (object == null || !object.isStructure()) {
      throw Failures.invalidField("a managed object structure is required");
    }
    ObjectType type = objectType(object);
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    if (type == null || kb == null) {
      throw Failures.invalidField(object.tagName() + " has no Key Block");
    }
    Fields.structure(kb);
    KeyFormatType fmt = Fields.enumeration(Fields.required(kb, Tag.KEY_FORMAT_TYPE), KeyFormatType::fromValue);
    CryptographicAlgorithm alg = Fields.optionalEnum(kb, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm::fromValue);
    Integer len = Fields.optionalInteger(kb, Tag.CRYPTOGRAPHIC_LENGTH);
    Ttlv kv = kb.child(Tag.KEY_VALUE);
    if (kv == null) {
      throw Failures.invalidField("the Key Block has no Key Value");
    }
    return new ManagedKey(object, type, kb, fmt, alg, len, kv, kb.child(Tag.KEY_WRAPPING_DATA));
  }

  static ObjectType objectType(Ttlv object) {
    if (object.is(Tag.SYMMETRIC_KEY)) {
      return ObjectType.SYMMETRIC_KEY;
    }
    if (object.is(Tag.PUBLIC_KEY)) {
      return ObjectType.PUBLIC_KEY;
    }
    if (object.is(Tag.PRIVATE_KEY)) {
      return ObjectType.PRIVATE_KEY;
    }
    if (object.is(Tag.SPLIT_KEY)) {
      return ObjectType.SPLIT_KEY;
    }
    if (object.is(Tag.SECRET_DATA)) {
      return ObjectType.SECRET_DATA;
    }
    return null;
  }

  static Tag tagOf(ObjectType type) {
    return switch (type) {
      case SYMMETRIC_KEY -> Tag.SYMMETRIC_KEY;
      case PUBLIC_KEY -> Tag.PUBLIC_KEY;
      case PRIVATE_KEY -> Tag.PRIVATE_KEY;
      case SPLIT_KEY -> Tag.SPLIT_KEY;
      case SECRET_DATA -> Tag.SECRET_DATA;
      default -> throw Failures.invalidField(type.specName() + " objects have no Key Block");
    };
  }

  boolean wrapped() {
    return keyWrappingData != null || keyValue.type() == ItemType.BYTE_STRING;
  }

  /** The Key Material of a plaintext Key Value. */
  Ttlv keyMaterial() {
    requirePlaintext();
    Ttlv m = keyValue.child(Tag.KEY_MATERIAL);
    if (m == null) {
      throw Failures.invalidField("the Key Value has no Key Material");
    }
    return m;
  }

  /** The Key Value's children other than the Key Material: the attributes wrapped with the key. */
  List<Ttlv> keyValueAttributes() {
    requirePlaintext();
    List<Ttlv> out = new ArrayList<>();
    for (Ttlv c : keyValue.children()) {
      if (!c.is(Tag.KEY_MATERIAL)) {
        out.add(c);
      }
    }
    return out;
  }

  void requirePlaintext() {
    if (wrapped()) {
      throw Failures.invalidField("the Key Block is wrapped; unwrap it first");
    }
  }

  DecodedKey decode() {
    return KeyFormats.decode(this);
  }

  /** Symmetric key, Secret Data or split key share bytes. */
  byte[] secretBytes() {
    if (decode() instanceof DecodedKey.Secret s) {
      return s.bytes();
    }
    throw Failures.invalidField("a " + objectType.specName() + " holds no secret bytes");
  }

  /** The object with its Key Block replaced; the object's other fields (Split Key, Secret Data Type) stay. */
  Ttlv withKeyBlock(Ttlv newKeyBlock) {
    List<Ttlv> children = new ArrayList<>();
    for (Ttlv c : object.children()) {
      children.add(c.is(Tag.KEY_BLOCK) ? newKeyBlock : c);
    }
    return Ttlv.structure(object.tag(), children);
  }

  /** The Key Block with some fields replaced (null: leave out), in the specification's field order. */
  static Ttlv keyBlock(KeyFormatType fmt, Ttlv keyCompressionType, Ttlv keyValue, CryptographicAlgorithm alg,
      Integer length, Ttlv keyWrappingData) {
    List<Ttlv> c = new ArrayList<>(6);
    c.add(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, fmt));
    if (keyCompressionType != null) {
      c.add(keyCompressionType);
    }
    c.add(keyValue);
    if (alg != null) {
      c.add(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg));
    }
    if (length != null) {
      c.add(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, length));
    }
    if (keyWrappingData != null) {
      c.add(keyWrappingData);
    }
    return Ttlv.structure(Tag.KEY_BLOCK, c);
  }

  /** A plaintext Key Value: the Key Material followed by the attributes kept with it. */
  static Ttlv keyValue(Ttlv keyMaterial, List<Ttlv> attributes) {
    List<Ttlv> c = new ArrayList<>(1 + attributes.size());
    c.add(keyMaterial);
    c.addAll(attributes);
    return Ttlv.structure(Tag.KEY_VALUE, c);
  }
}
