package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.infrastructure.crypto.engine.KeyWrapping;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.EncodingOption;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of managed objects as the object operations use it: read from its sealed form,
 * unwrapped when it was registered wrapped under another managed object ("unwrapping on use"),
 * wrapped under a key the client names (Key Wrapping Specification), and stored sealed. Also the
 * rules for using an object as a key: State, Cryptographic Usage Mask, Protect Stop and Process
 * Start dates (KMIP 1.4 §3.19, §3.22, §3.25, §3.26; 2.1 §4.15, §4.57, §4.38, §4.41).
 */
final class ObjectContent {

  /** A key wrapped under a key wrapped under ...: the chain the server follows before it gives up. */
  static final int MAX_UNWRAP_DEPTH = 4;

  private final ManagedObjectRepository repository;
  private final ObjectSealer sealer;
  private final CryptoEngine engine;

  ObjectContent(ManagedObjectRepository repository, ObjectSealer sealer, CryptoEngine engine) {
    this.repository = repository;
    this.sealer = sealer;
    this.engine = engine;
  }

  /** The object's content as it was stored (possibly wrapped); Object Destroyed once destroyed. */
  Ttlv stored(ManagedObject o) {
    try {
      return new TtlvReader().read(sealer.unseal(o.uniqueIdentifier(), o.sealedObject()));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored object " + o.uniqueIdentifier() + " is corrupt", e);
    }
  }

  /**
   * The object's content in the clear: a Key Block registered wrapped under another managed
   * object is unwrapped with that object, which must be the client's, on-line, not destroyed, and
   * allowed to unwrap (Unwrap Key or Wrap Key in its usage mask: the OASIS cases TC-WRAP-2/3 give
   * the wrapping key Wrap Key only and expect the server to unwrap with it).
   */
  Ttlv plaintext(ManagedObject o, RequestContext ctx) {
    return plaintext(stored(o), ctx, 0);
  }

  /** A wrapped object (Import with Key Wrap Type Not Wrapped) unwrapped as {@link #plaintext(ManagedObject, RequestContext)} does. */
  Ttlv unwrapped(Ttlv object, RequestContext ctx) {
    return plaintext(object, ctx, 0);
  }

  private Ttlv plaintext(Ttlv object, RequestContext ctx, int depth) {
    if (!hasKeyBlock(object) || !KeyWrapping.isWrapped(object)) {
      return object;
    }
    if (depth >= MAX_UNWRAP_DEPTH) {
      throw KmipException.featureNotSupported("keys wrapped more than " + MAX_UNWRAP_DEPTH + " levels deep are not unwrapped");
    }
    String kekId = KeyWrapping.encryptionKeyIdentifier(object);
    if (kekId == null) {
      throw KmipException.featureNotSupported("this key is not wrapped by encryption under a managed object");
    }
    ManagedObject kek = wrappingObject(kekId, ctx);
    requireUse(kek, null, false, ctx.now());
    int mask = usageMask(kek);
    if (mask != -1 && (mask & (CryptographicUsageMask.UNWRAP_KEY.value() | CryptographicUsageMask.WRAP_KEY.value())) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the wrapping key " + kekId + " may not unwrap: its usage mask has neither Unwrap Key nor Wrap Key");
    }
    Ttlv kekObject = plaintext(stored(kek), ctx, depth + 1);
    return engine.keyWrapping().unwrap(object, kekObject, null);
  }

  /**
   * The object wrapped as a Key Wrapping Specification asks (Get, Export). The wrapping key must
   * be the client's, on-line, Active, before its Protect Stop Date, and have Wrap Key in its usage
   * mask (when it has one). The Cryptographic Parameters are those of the Encryption Key
   * Information, else the wrapping key's Cryptographic Parameters attribute, else the engine's
   * defaults. Attribute Names become the named attributes of {@code owner}, wrapped with the key.
   */
  Ttlv wrap(Ttlv plainObject, ManagedObject owner, Ttlv keyWrappingSpecification, RequestContext ctx) {
    Fields.structure(keyWrappingSpecification);
    Ttlv eki = keyWrappingSpecification.child(Tag.ENCRYPTION_KEY_INFORMATION);
    if (eki == null) {
      throw KmipException.featureNotSupported("only wrapping by encryption is supported: the Key Wrapping Specification"
          + " needs an Encryption Key Information");
    }
    if (keyWrappingSpecification.child(Tag.MAC_SIGNATURE_KEY_INFORMATION) != null) {
      throw KmipException.featureNotSupported("MAC/signature key wrapping is not supported");
    }
    String kekId = Fields.text(Fields.required(Fields.structure(eki), Tag.UNIQUE_IDENTIFIER));
    ManagedObject kek = wrappingObject(kekId, ctx);
    requireUse(kek, CryptographicUsageMask.WRAP_KEY, true, ctx.now());
    CryptographicParameters params = null;
    if (eki.child(Tag.CRYPTOGRAPHIC_PARAMETERS) == null) {
      Ttlv own = kek.attribute(Tag.CRYPTOGRAPHIC_PARAMETERS);
      params = own == null ? null : CryptographicParameters.decode(own);
    }
    List<Ttlv> attributes = new ArrayList<>();
    List<Attribute> named = new ArrayList<>();
    for (Ttlv n : keyWrappingSpecification.children(Tag.ATTRIBUTE_NAME)) {
      named.addAll(owner.attributes(Fields.text(n)));
    }
    if (!named.isEmpty()) {
      if (ctx.version().atLeast(KmipVersion.V2_0)) {
        attributes.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, named, ctx.version()));
      } else {
        attributes.addAll(AttributeCodec.toV1List(named, ctx.version()));
      }
    }
    Ttlv kekObject = plaintext(stored(kek), ctx, 1);
    Ttlv wrapped = engine.keyWrapping().wrap(plainObject, keyWrappingSpecification, kekObject, params, attributes);
    Ttlv encoding = keyWrappingSpecification.child(Tag.ENCODING_OPTION);
    if (!ctx.version().atLeast(KmipVersion.V2_0) && encoding != null
        && encoding.asInt() == EncodingOption.NO_ENCODING.value()) {
      wrapped = keyMaterialStructure(wrapped);
    }
    return wrapped;
  }

  /**
   * A No Encoding wrapped key as KMIP 1.x shows it: the wrapped bytes are the Key Material of a
   * Key Value structure (1.4 §2.1.5 "the wrapped un-encoded value of the Byte String Key Material
   * field in the Key Value structure"; the OASIS case TC-WRAP-3-14). KMIP 2.x makes every wrapped
   * Key Value a Byte String (TC-WRAP-3-20), as the engine writes it.
   */
  private static Ttlv keyMaterialStructure(Ttlv object) {
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    List<Ttlv> c = new ArrayList<>();
    for (Ttlv f : kb.children()) {
      c.add(f.is(Tag.KEY_VALUE) && !f.isStructure()
          ? Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, f.asBytes())) : f);
    }
    List<Ttlv> o = new ArrayList<>();
    for (Ttlv f : object.children()) {
      o.add(f == kb ? Ttlv.structure(Tag.KEY_BLOCK, c) : f);
    }
    return Ttlv.structure(object.tag(), o);
  }

  /** Seals and stores a new object the server made; it becomes the ID Placeholder. */
  ManagedObject store(String uid, ObjectType type, List<Attribute> attributes, Ttlv object, RequestContext ctx) {
    ManagedObject o = ManagedObject.create(uid, type, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    ctx.setIdPlaceholder(uid);
    return o;
  }

  byte[] seal(String uid, Ttlv object) {
    return sealer.seal(uid, NewObjects.encode(object));
  }

  /**
   * A key named by a Key Wrapping Specification or Key Wrapping Data. 2.x has Result Reasons of its
   * own for a missing, destroyed or archived wrapping object; 1.x clients get Item Not Found and
   * Object Archived.
   */
  ManagedObject wrappingObject(String uid, RequestContext ctx) {
    ManagedObject kek = repository.find(uid);
    if (kek == null) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_NOT_FOUND, "no wrapping key " + uid);
    }
    ObjectAccess.require(repository, uid, ctx);
    if (kek.isDestroyed()) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_DESTROYED, "the wrapping key " + uid + " is destroyed");
    }
    if (kek.isArchived()) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_ARCHIVED, "the wrapping key " + uid + " is archived");
    }
    return kek;
  }

  /**
   * Refuses to use {@code o} as a key when its State, dates or usage mask forbid it. A use that
   * applies protection (wrapping, deriving) needs an Active object before its Protect Stop Date; a
   * use that processes (unwrapping) an Active, Deactivated or Compromised one after its Process
   * Start Date. Wrong Key Lifecycle State and Incompatible Cryptographic Usage Mask are sent to 1.x
   * clients as Permission Denied.
   *
   * @param bit the usage mask bit the use needs, or null to leave the mask to the caller
   */
  static void requireUse(ManagedObject o, CryptographicUsageMask bit, boolean protects, Instant now) {
    o.advanceClock(now);
    State s = o.state();
    if (o.isDestroyed()) {
      throw new KmipException(ResultReason.OBJECT_DESTROYED, "object " + o.uniqueIdentifier() + " is " + s.specName());
    }
    boolean allowed = s == State.ACTIVE || (!protects && (s == State.DEACTIVATED || s == State.COMPROMISED));
    if (!allowed) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object " + o.uniqueIdentifier() + " is " + s.specName() + (protects ? "; only an Active key may be used" : ""));
    }
    Ttlv stop = o.attribute(Tag.PROTECT_STOP_DATE);
    if (protects && stop != null && !now.isBefore(stop.asInstant())) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object " + o.uniqueIdentifier() + " is past its Protect Stop Date");
    }
    Ttlv start = o.attribute(Tag.PROCESS_START_DATE);
    if (!protects && start != null && now.isBefore(start.asInstant())) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object " + o.uniqueIdentifier() + " is before its Process Start Date");
    }
    int mask = usageMask(o);
    if (bit != null && mask != -1 && (mask & bit.value()) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the Cryptographic Usage Mask of " + o.uniqueIdentifier() + " does not include " + bit.specName());
    }
  }

  /** The object's Cryptographic Usage Mask, or -1 when it has none (no restriction). */
  static int usageMask(ManagedObject o) {
    Ttlv m = o.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK);
    return m == null ? -1 : m.asInt();
  }

  /** Objects with a Key Block (Symmetric, Public, Private, Split Key, Secret Data; not PGP Key). */
  static boolean hasKeyBlock(Ttlv object) {
    return io.keyfed.kmip.payload.ManagedObjects.hasKeyBlock(object);
  }
}
