package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.Certificates;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.spec.CertificateRequestType;
import io.keyfed.kmip.spec.CertificateType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.SplitKeyMethod;
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
 * Register (KMIP 1.4 §4.3, 2.1 §6.1.43): stores an object the client supplies, of every type the
 * request's version has: Symmetric Key, Public Key, Private Key, Split Key, Secret Data, Opaque
 * Object, Certificate, Template (1.x), PGP Key (1.2+) and Certificate Request (2.0+).
 *
 * <p>Key Blocks are checked against their Key Format Type (the engine decodes them); a Key Block
 * registered wrapped (Key Wrapping Data) is stored as it is and unwrapped when the server uses it.
 * X.509 certificates get the attributes the server derives from them (Certificate Type and
 * Length, X.509 Certificate Identifier/Subject/Issuer, the 1.0 Certificate Identifier/Subject/
 * Issuer, the 1.4 Certificate Subject/Issuer CN, O, ..., Digital Signature Algorithm, the key's
 * Cryptographic Algorithm and Length, Digest); PKCS#10 Certificate Requests must carry a valid
 * signature. A Template's Names name the template object itself.
 *
 * <p>Result Reasons: Invalid Message (no object, or one without the fields its type needs),
 * Invalid Field (server-managed attributes, an object type the version does not have, a Key Block
 * or certificate that does not decode), Key Format Type Not Supported, Invalid CSR (Invalid Field
 * for 1.x), Feature Not Supported (object types of later versions), and for the client's
 * attributes (attribute rules, 2.x / 1.x): Attribute Read Only / Invalid Field, Invalid Attribute /
 * Invalid Field, Attribute Single Valued / Invalid Field, Non Unique Name Attribute / Invalid Field.
 */
@Stateless
@Local(OperationHandler.class)
public class RegisterHandler implements OperationHandler {

  /** The object types a client may register, in some version. */
  static final Set<ObjectType> REGISTRABLE = EnumSet.of(
      ObjectType.SYMMETRIC_KEY, ObjectType.SECRET_DATA, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
      ObjectType.CERTIFICATE, ObjectType.OPAQUE_OBJECT, ObjectType.SPLIT_KEY, ObjectType.TEMPLATE,
      ObjectType.PGP_KEY, ObjectType.CERTIFICATE_REQUEST);

  /** Whether objects of this type may be registered (and imported) at all. */
  public static boolean registrable(ObjectType type) {
    return REGISTRABLE.contains(type);
  }

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Override
  public Operation operation() {
    return Operation.REGISTER;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    RegisterRequest req = RegisterRequest.decode(requestPayload);
    ObjectType type = req.objectType();
    if (!REGISTRABLE.contains(type)) {
      throw KmipException.featureNotSupported("Register of " + type.specName() + " objects is not supported");
    }
    requireDefinedIn(type, ctx.version());
    List<Attribute> attributes = new ArrayList<>(NewObjects.clientAttributes(req.attributes(), type, repository, ctx));
    Ttlv object = checked(type, req.object(), attributes);
    String uid = NewObjects.newUniqueIdentifier();
    ManagedObject o = ManagedObject.create(uid, type, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    ctx.setIdPlaceholder(uid);
    return new RegisterResponse(uid).encode();
  }

  /** An object type outside the client's version (Template in 2.x, PGP Key in 1.0/1.1, ...). */
  static void requireDefinedIn(ObjectType type, KmipVersion v) {
    if (!type.definedIn(v)) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE,
          type.specName() + " objects are not defined in KMIP " + v.major() + "." + v.minor());
    }
  }

  /**
   * The object as it will be stored, after the checks of its type; adds the attributes the server
   * derives from it to {@code attributes}.
   */
  public static Ttlv checked(ObjectType type, Ttlv object, List<Attribute> attributes) {
    switch (type) {
      case SYMMETRIC_KEY, PUBLIC_KEY, PRIVATE_KEY, SECRET_DATA, SPLIT_KEY -> {
        requireKeyBlock(type, object);
        if (type == ObjectType.SECRET_DATA) {
          Fields.enumeration(required(object, Tag.SECRET_DATA_TYPE, type), SecretDataType::fromValue);
        }
        if (type == ObjectType.SPLIT_KEY) {
          Fields.integer(required(object, Tag.SPLIT_KEY_PARTS, type));
          Fields.integer(required(object, Tag.KEY_PART_IDENTIFIER, type));
          Fields.integer(required(object, Tag.SPLIT_KEY_THRESHOLD, type));
          Fields.enumeration(required(object, Tag.SPLIT_KEY_METHOD, type), SplitKeyMethod::fromValue);
        }
        Ttlv normalised = NewObjects.normaliseRegistered(object, attributes);
        if (normalised.child(Tag.KEY_BLOCK).child(Tag.KEY_WRAPPING_DATA) != null) {
          // The Key Material is the wrapped bytes; a digest of them would describe no key.
          attributes.removeIf(a -> a.is(Tag.DIGEST));
        } else {
          KeyFormats.validate(normalised);
        }
        return normalised;
      }
      case CERTIFICATE -> {
        CertificateType ct = Fields.enumeration(required(object, Tag.CERTIFICATE_TYPE, type), CertificateType::fromValue);
        byte[] der = Fields.bytes(required(object, Tag.CERTIFICATE_VALUE, type));
        addCertificateAttributes(ct, der, attributes);
        return object;
      }
      case OPAQUE_OBJECT -> {
        Fields.enumerationValue(required(object, Tag.OPAQUE_DATA_TYPE, type));
        Fields.bytes(required(object, Tag.OPAQUE_DATA_VALUE, type));
        return object;
      }
      case TEMPLATE -> {
        List<Attribute> templated = new ArrayList<>();
        for (Ttlv c : object.children()) {
          if (!c.is(Tag.ATTRIBUTE)) {
            throw KmipException.invalidMessage("a Template holds Attribute structures only, not " + c.tagName());
          }
          templated.add(AttributeCodec.fromV1(c));
        }
        for (Attribute a : templated) {
          if (a.is(Tag.NAME)) {
            attributes.add(a);
          }
        }
        return object;
      }
      case PGP_KEY -> {
        Fields.integer(required(object, Tag.PGP_KEY_VERSION, type));
        requireKeyBlock(type, object);
        return NewObjects.normaliseRegistered(object, attributes);
      }
      case CERTIFICATE_REQUEST -> {
        CertificateRequestType crt = Fields.enumeration(required(object, Tag.CERTIFICATE_REQUEST_TYPE, type),
            CertificateRequestType::fromValue);
        byte[] value = Fields.bytes(required(object, Tag.CERTIFICATE_REQUEST_VALUE, type));
        if (crt == CertificateRequestType.PKCS_10 || crt == CertificateRequestType.PEM) {
          Certificates.pkcs10(value, crt == CertificateRequestType.PEM);
        }
        return object;
      }
      default -> throw KmipException.featureNotSupported("Register of " + type.specName() + " objects is not supported");
    }
  }

  /** The attributes of an X.509 certificate, those the client already gave left as given. */
  static void addCertificateAttributes(CertificateType ct, byte[] der, List<Attribute> attributes) {
    List<Attribute> derived = new ArrayList<>();
    derived.add(Attribute.of(Tag.CERTIFICATE_TYPE, Ttlv.enumeration(Tag.CERTIFICATE_TYPE, ct)));
    if (ct == CertificateType.X_509) {
      derived.addAll(Certificates.x509Attributes(der));
    } else {
      derived.add(Attribute.of(Tag.CERTIFICATE_LENGTH, Ttlv.integer(Tag.CERTIFICATE_LENGTH, der.length)));
    }
    derived.add(NewObjects.digest(der, KeyFormatType.RAW));
    for (Attribute d : derived) {
      if (attributes.stream().noneMatch(a -> a.name().equals(d.name()))) {
        attributes.add(d);
      }
    }
  }

  private static void requireKeyBlock(ObjectType type, Ttlv object) {
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    if (kb == null) {
      throw KmipException.invalidMessage(type.specName() + " needs a Key Block");
    }
    Fields.structure(kb);
    if (kb.child(Tag.KEY_FORMAT_TYPE) == null || kb.child(Tag.KEY_VALUE) == null) {
      throw KmipException.invalidMessage("the Key Block of a " + type.specName() + " needs a Key Format Type and a Key Value");
    }
  }

  private static Ttlv required(Ttlv object, Tag tag, ObjectType type) {
    Ttlv c = object.child(tag);
    if (c == null) {
      throw KmipException.invalidMessage("a " + type.specName() + " needs its " + tag.specName());
    }
    return c;
  }
}
