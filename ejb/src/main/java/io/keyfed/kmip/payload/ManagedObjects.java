package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/** The tag of the structure that carries each kind of Managed Object (KMIP 1.4 §2.2). */
public final class ManagedObjects {

  private ManagedObjects() {}

  /** Each object type's structure is tagged with the object type's own name. */
  public static Tag tagOf(ObjectType type) {
    Tag t = Tag.fromSpecName(type.specName());
    if (t == null) {
      throw KmipException.featureNotSupported("objects of type " + type.specName() + " are not supported");
    }
    return t;
  }

  /** Objects with a Key Block (Symmetric, Public, Private, Split Key, Secret Data; not PGP Key). */
  public static boolean hasKeyBlock(Ttlv object) {
    return object.child(Tag.KEY_BLOCK) != null && (object.is(Tag.SYMMETRIC_KEY) || object.is(Tag.PUBLIC_KEY)
        || object.is(Tag.PRIVATE_KEY) || object.is(Tag.SPLIT_KEY) || object.is(Tag.SECRET_DATA));
  }
}
