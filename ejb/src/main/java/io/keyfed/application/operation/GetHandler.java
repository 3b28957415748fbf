package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.infrastructure.crypto.engine.KeyWrapping;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyCompressionType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Get (KMIP 1.4 §4.11, 2.1 §6.1.24): returns the object, which is then no longer Fresh.
 *
 * <ul>
 *   <li>Key Format Type: the key converted by the engine (Raw, Transparent Symmetric/RSA/EC keys,
 *       PKCS#1, PKCS#8, X.509 SubjectPublicKeyInfo, EC Private Key, between the formats of one
 *       key).
 *   <li>Key Compression Type: EC public keys, uncompressed or X9.62 compressed prime, in a
 *       Transparent EC format.
 *   <li>Key Wrapping Specification: the key wrapped under another object (AES key wrap, RSA-OAEP,
 *       any Encrypt mode), which must be the client's, on-line, Active and allowed Wrap Key; named
 *       attributes are wrapped with it.
 *   <li>Key Wrap Type: for a key registered wrapped, Not Wrapped returns it unwrapped (the server
 *       unwraps with the key its Key Wrapping Data names), As Registered (and no Key Wrap Type,
 *       as before 1.4 introduced the field) returns it as registered.
 * </ul>
 *
 * <p>Sensitive objects are returned only wrapped: with a Key Wrapping Specification, or as
 * registered when registered wrapped.
 *
 * <p>Result Reasons: Object Not Found (Item Not Found in 1.x), Permission Denied (another owner's
 * object), Sensitive (Permission Denied before 1.4), Object Destroyed
 * (Item Not Found for 1.x), Object Archived, Key Format Type Not Supported, Key Compression Type
 * Not Supported, Wrapping Object Not Found/Destroyed/Archived (2.x; Item Not Found and Object
 * Archived for 1.x), Wrong Key Lifecycle State and Incompatible Cryptographic Usage Mask of the
 * wrapping key (Permission Denied for 1.x), Encoding Option Error, Cryptographic Failure (a
 * registered wrapped key that does not unwrap), Feature Not Supported (MAC/sign wrapping).
 */
@Stateless
@Local(OperationHandler.class)
public class GetHandler implements OperationHandler {

  private static final Set<KeyFormatType> TRANSPARENT_EC_PUBLIC = EnumSet.of(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECMQV_PUBLIC_KEY);
  private static final Set<CryptographicAlgorithm> EC = EnumSet.of(CryptographicAlgorithm.EC,
      CryptographicAlgorithm.ECDSA, CryptographicAlgorithm.ECDH, CryptographicAlgorithm.ECMQV);

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.GET;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    GetRequest req = GetRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    Ttlv object = retrieve(new ObjectContent(repository, sealer, engine), o, req, ctx);
    o.markServed(ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new GetResponse(o.objectType(), o.uniqueIdentifier(), object).encode();
  }

  /** The object as Get and Export return it: formatted, compressed and wrapped as the request asks. */
  static Ttlv retrieve(ObjectContent content, ManagedObject o, GetRequest req, RequestContext ctx) {
    Ttlv stored = content.stored(o);
    if (!ObjectContent.hasKeyBlock(stored)) {
      if (req.keyFormatType() != null) {
        throw new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
            "a " + o.objectType().specName() + " has no Key Block to format");
      }
      if (req.keyCompressionType() != null) {
        throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
            "a " + o.objectType().specName() + " has no key to compress");
      }
      if (req.keyWrappingSpecification() != null) {
        throw KmipException.featureNotSupported("only objects with a Key Block can be wrapped");
      }
      return stored;
    }
    boolean unwrap = req.keyWrappingSpecification() != null || req.keyWrapType() == KeyWrapType.NOT_WRAPPED;
    if (sensitive(o) && (unwrap ? req.keyWrappingSpecification() == null : !KeyWrapping.isWrapped(stored))) {
      throw new KmipException(ResultReason.SENSITIVE,
          "the object is Sensitive: its key material is returned only wrapped by another key");
    }
    Ttlv object = unwrap ? content.plaintext(o, ctx) : stored;
    if (req.keyFormatType() != null) {
      object = KeyFormats.convert(object, req.keyFormatType());
    }
    if (req.keyCompressionType() != null) {
      object = compress(object, req.keyCompressionType());
    }
    if (req.keyWrappingSpecification() != null) {
      object = content.wrap(object, o, req.keyWrappingSpecification(), ctx);
    }
    return object;
  }

  /**
   * Whether the object's Sensitive attribute is True (KMIP 1.4 §3.48, 2.1 §4.50): the server then
   * returns its value only wrapped by another key (Result Reason Sensitive; Permission Denied for
   * clients before 1.4).
   */
  static boolean sensitive(ManagedObject o) {
    Ttlv s = o.attribute(Tag.SENSITIVE);
    return s != null && s.asBoolean();
  }

  /**
   * An EC public key with its point in the form asked for (KMIP 1.4 §9.1.3.2.2): the Key
   * Compression Type is recorded in the Key Block and the point re-encoded in a Transparent EC
   * format. X.509 SubjectPublicKeyInfo is always uncompressed here.
   */
  static Ttlv compress(Ttlv object, KeyCompressionType kct) {
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    Ttlv alg = kb.child(Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (!object.is(Tag.PUBLIC_KEY) || alg == null || !EC.contains(CryptographicAlgorithm.fromValue(alg.asInt()))) {
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, "only EC public keys are compressed");
    }
    if (kct != KeyCompressionType.EC_PUBLIC_KEY_TYPE_UNCOMPRESSED
        && kct != KeyCompressionType.EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME) {
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, kct.specName() + " is not supported");
    }
    if (KeyWrapping.isWrapped(object)) {
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, "a wrapped key cannot be re-encoded");
    }
    KeyFormatType format = KeyFormats.keyFormatType(object);
    if (!TRANSPARENT_EC_PUBLIC.contains(format)) {
      if (kct == KeyCompressionType.EC_PUBLIC_KEY_TYPE_UNCOMPRESSED) {
        return object;
      }
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
          "a compressed point needs a Transparent EC Key Format Type, not " + format.specName());
    }
    Ttlv x509 = KeyFormats.convert(object, KeyFormatType.X_509);
    return KeyFormats.convert(withCompression(x509, kct), format);
  }

  private static Ttlv withCompression(Ttlv object, KeyCompressionType kct) {
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    List<Ttlv> c = new ArrayList<>();
    for (Ttlv f : kb.children()) {
      if (f.is(Tag.KEY_COMPRESSION_TYPE)) {
        continue;
      }
      c.add(f);
      if (f.is(Tag.KEY_FORMAT_TYPE)) {
        c.add(Ttlv.enumeration(Tag.KEY_COMPRESSION_TYPE, kct));
      }
    }
    List<Ttlv> obj = new ArrayList<>();
    for (Ttlv f : object.children()) {
      obj.add(f == kb ? Ttlv.structure(Tag.KEY_BLOCK, c) : f);
    }
    return Ttlv.structure(object.tag(), obj);
  }
}
