package io.keyfed.application.operation;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.ObjectNames;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What Create and Register share: attribute checks, object structures, digests, identifiers. */
final class NewObjects {

  private NewObjects() {}

  /**
   * Unique Identifiers are random UUIDs: they never collide across a federation without any
   * coordination between servers.
   */
  static String newUniqueIdentifier() {
    return UUID.randomUUID().toString();
  }

  /**
   * The client's attributes for a new object of {@code type}, checked against the attribute rules of
   * the client's version ({@link ManagedObject#checkNewObjectAttributes}) and against the Names the
   * owner's other objects hold ({@link ObjectNames}).
   */
  static List<Attribute> clientAttributes(List<Attribute> requested, ObjectType type, ManagedObjectRepository repository,
      RequestContext ctx) {
    ManagedObject.checkNewObjectAttributes(type, requested, ctx.version());
    ObjectNames.requireUnique(repository, ctx.client().name(), null, requested, Action.CREATE, ctx.version());
    return new ArrayList<>(requested);
  }

  static Ttlv first(List<Attribute> attributes, Tag tag) {
    for (Attribute a : attributes) {
      if (a.is(tag)) {
        return a.value();
      }
    }
    return null;
  }

  /** A Symmetric Key in Raw format (KMIP 1.4 §2.2.2, §2.1.3 Key Block). */
  static Ttlv symmetricKey(CryptographicAlgorithm alg, int bits, byte[] key) {
    return Ttlv.structure(Tag.SYMMETRIC_KEY,
        Ttlv.structure(Tag.KEY_BLOCK,
            Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
            Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
            Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg),
            Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits)));
  }

  /**
   * The Digest attribute (KMIP 1.4 §3.17): SHA-256 over the key material as it is stored, with
   * the Key Format Type it was computed over.
   */
  static Attribute digest(byte[] keyMaterial) {
    return digest(keyMaterial, KeyFormatType.RAW);
  }

  static Attribute digest(byte[] keyMaterial, KeyFormatType format) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(keyMaterial);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return Attribute.of(Tag.DIGEST, Ttlv.structure(Tag.DIGEST,
        Ttlv.enumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256),
        Ttlv.bytes(Tag.DIGEST_VALUE, d),
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, format)));
  }

  static byte[] encode(Ttlv object) {
    return TtlvWriter.encode(object);
  }

  /**
   * Normalises a registered object: KMIP 1.x allowed attributes inside the Key Value; they are
   * moved out to {@code attributesOut} so the stored object is the same for every version. The
   * Key Block's algorithm and length become attributes when the client did not give them.
   */
  static Ttlv normaliseRegistered(Ttlv object, List<Attribute> attributesOut) {
    Ttlv keyBlock = object.child(Tag.KEY_BLOCK);
    if (keyBlock == null) {
      return object;
    }
    if (!keyBlock.isStructure()) {
      throw KmipException.invalidField("Key Block must be a Structure");
    }
    Ttlv keyValue = keyBlock.child(Tag.KEY_VALUE);
    Ttlv newKeyValue = keyValue;
    if (keyValue != null && keyValue.isStructure() && keyValue.child(Tag.ATTRIBUTE) != null) {
      List<Ttlv> kept = new ArrayList<>();
      for (Ttlv c : keyValue.children()) {
        if (c.is(Tag.ATTRIBUTE)) {
          attributesOut.add(AttributeCodec.fromV1(c));
        } else {
          kept.add(c);
        }
      }
      newKeyValue = Ttlv.structure(Tag.KEY_VALUE, kept);
    }
    for (Tag t : List.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH)) {
      Ttlv v = keyBlock.child(t);
      if (v != null && first(attributesOut, t) == null) {
        attributesOut.add(Attribute.of(t, v));
      }
    }
    if (newKeyValue != null && newKeyValue.isStructure()) {
      Ttlv material = newKeyValue.child(Tag.KEY_MATERIAL);
      Ttlv format = keyBlock.child(Tag.KEY_FORMAT_TYPE);
      if (material != null && material.type() == ItemType.BYTE_STRING && format != null && first(attributesOut, Tag.DIGEST) == null) {
        KeyFormatType kft = KeyFormatType.fromValue(format.asInt());
        attributesOut.add(digest(material.asBytes(), kft != null ? kft : KeyFormatType.RAW));
      }
    }
    if (newKeyValue == keyValue) {
      return object;
    }
    List<Ttlv> kb = new ArrayList<>();
    for (Ttlv c : keyBlock.children()) {
      kb.add(c == keyValue ? newKeyValue : c);
    }
    List<Ttlv> obj = new ArrayList<>();
    for (Ttlv c : object.children()) {
      obj.add(c == keyBlock ? Ttlv.structure(Tag.KEY_BLOCK, kb) : c);
    }
    return Ttlv.structure(object.tag(), obj);
  }
}
