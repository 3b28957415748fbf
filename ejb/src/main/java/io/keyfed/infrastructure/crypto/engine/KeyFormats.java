package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KeyCompressionType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.IOException;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.BigIntegers;

/**
 * Key Format Types (KMIP 1.4 §2.1.3, §2.1.7, §9.1.3.2.3): building, reading and converting the
 * Key Value of a Key Block. The formats each kind of key can take, all convertible into each
 * other:
 *
 * <table>
 *   <caption>Key Format Types by key</caption>
 *   <tr><th>key</th><th>Key Format Types</th></tr>
 *   <tr><td>Symmetric Key, Secret Data, Split Key</td><td>Raw, Transparent Symmetric Key (Opaque: read, kept as it is)</td></tr>
 *   <tr><td>RSA private</td><td>PKCS#1, PKCS#8, Transparent RSA Private Key</td></tr>
 *   <tr><td>RSA public</td><td>PKCS#1, X.509 (SubjectPublicKeyInfo), Transparent RSA Public Key</td></tr>
 *   <tr><td>EC private</td><td>ECPrivateKey (SEC 1), PKCS#8, Transparent EC / ECDSA / ECDH / ECMQV Private Key</td></tr>
 *   <tr><td>EC public</td><td>X.509, Transparent EC / ECDSA / ECDH / ECMQV Public Key</td></tr>
 *   <tr><td>DSA private</td><td>PKCS#8, Transparent DSA Private Key</td></tr>
 *   <tr><td>DSA public</td><td>X.509, Transparent DSA Public Key</td></tr>
 *   <tr><td>Ed25519, X25519 private</td><td>PKCS#8, Raw (the 32-byte private key)</td></tr>
 *   <tr><td>Ed25519, X25519 public</td><td>X.509, Raw (the 32-byte public key)</td></tr>
 * </table>
 *
 * <p>Not supported (Key Format Type Not Supported): PKCS#8 EncryptedPrivateKeyInfo, DH
 * transparent keys, PKCS#12, PKCS#10, converting a wrapped Key Block, and leaving Opaque.
 */
public final class KeyFormats {

  private static final Set<KeyFormatType> TRANSPARENT_EC_PRIVATE = EnumSet.of(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY, KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_ECMQV_PRIVATE_KEY);
  private static final Set<KeyFormatType> TRANSPARENT_EC_PUBLIC = EnumSet.of(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECMQV_PUBLIC_KEY);

  private KeyFormats() {}

  // ---- the handler-facing operations --------------------------------------------------------

  /**
   * The object (Symmetric Key, Private Key, Public Key, Secret Data or Split Key structure) with
   * its Key Block in the Key Format Type asked for: what Get, Export and Get Attributes need for
   * a requested Key Format Type. The object itself when it already has that format. The Key
   * Block's Cryptographic Algorithm and Length, Key Compression Type and the attributes in the
   * Key Value are kept.
   *
   * @throws io.keyfed.kmip.message.KmipException Key Format Type Not Supported when this key
   *     cannot take that format, Invalid Field when the Key Block is wrapped or unreadable
   */
  public static Ttlv convert(Ttlv object, KeyFormatType wanted) {
    ManagedKey k = ManagedKey.of(object);
    if (k.keyFormatType() == wanted) {
      return object;
    }
    if (k.wrapped()) {
      throw Failures.keyFormatTypeNotSupported("a wrapped Key Block keeps the Key Format Type it was wrapped in");
    }
    if (k.keyFormatType() == KeyFormatType.OPAQUE) {
      throw Failures.keyFormatTypeNotSupported("an Opaque key has no known encoding to convert from");
    }
    DecodedKey key = k.decode();
    Ttlv material = encode(key, k.objectType(), wanted, k.keyBlock().child(Tag.KEY_COMPRESSION_TYPE));
    Ttlv kb = ManagedKey.keyBlock(wanted, k.keyBlock().child(Tag.KEY_COMPRESSION_TYPE),
        ManagedKey.keyValue(material, k.keyValueAttributes()), k.algorithm(), k.length(), null);
    return k.withKeyBlock(kb);
  }

  /** The Key Format Type of an object's Key Block. */
  public static KeyFormatType keyFormatType(Ttlv object) {
    return ManagedKey.of(object).keyFormatType();
  }

  /** Whether {@link #convert} would succeed. */
  public static boolean canConvert(Ttlv object, KeyFormatType wanted) {
    try {
      convert(object, wanted);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Checks that the Key Block of a plaintext object decodes as its Key Format Type says (what
   * Register should do before storing a client's key); Invalid Field or Key Format Type Not
   * Supported when not.
   */
  public static void validate(Ttlv object) {
    ManagedKey k = ManagedKey.of(object);
    if (!k.wrapped() && k.keyFormatType() != KeyFormatType.OPAQUE) {
      k.decode();
    }
  }

  /** A Symmetric Key object: a Raw Key Block of the given bytes. */
  public static Ttlv symmetricKey(CryptographicAlgorithm algorithm, int cryptographicLength, byte[] key) {
    return Ttlv.structure(Tag.SYMMETRIC_KEY, rawKeyBlock(algorithm, cryptographicLength, key));
  }

  /** A Secret Data object: Secret Data Type and an Opaque Key Block of the bytes (as the 1.4 test cases register it). */
  public static Ttlv secretData(SecretDataType type, byte[] data) {
    Ttlv kb = ManagedKey.keyBlock(KeyFormatType.OPAQUE, null,
        ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, data), List.of()), null, null, null);
    return Ttlv.structure(Tag.SECRET_DATA, Ttlv.enumeration(Tag.SECRET_DATA_TYPE, type), kb);
  }

  static Ttlv rawKeyBlock(CryptographicAlgorithm algorithm, Integer cryptographicLength, byte[] key) {
    return ManagedKey.keyBlock(KeyFormatType.RAW, null, ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, key), List.of()),
        algorithm, cryptographicLength, null);
  }

  /** The DER SubjectPublicKeyInfo of a Public Key object, whatever its Key Format Type (for certificates, JCA). */
  public static byte[] subjectPublicKeyInfo(Ttlv publicKey) {
    return der(spki(ManagedKey.of(publicKey).decode()));
  }

  /** The DER PKCS#8 PrivateKeyInfo of a Private Key object, whatever its Key Format Type. */
  public static byte[] privateKeyInfo(Ttlv privateKey) {
    return der(pkcs8(ManagedKey.of(privateKey).decode()));
  }

  /**
   * A Public Key object (X.509 Key Format Type) for a DER SubjectPublicKeyInfo, with the
   * Cryptographic Algorithm and Length the key has (a certificate's or a CSR's key, for example).
   */
  public static Ttlv publicKey(byte[] subjectPublicKeyInfo) {
    DecodedKey key;
    try {
      key = DecodedKey.of(PublicKeyFactory.createKey(subjectPublicKeyInfo));
    } catch (IOException | RuntimeException e) {
      throw Failures.invalidField("not a SubjectPublicKeyInfo this server can read");
    }
    return object(ObjectType.PUBLIC_KEY, key, KeyFormatType.X_509, algorithmOf(key, null));
  }

  /** The object of a decoded key in a format, with its Cryptographic Algorithm and Length. */
  static Ttlv object(ObjectType type, DecodedKey key, KeyFormatType fmt, CryptographicAlgorithm alg) {
    Ttlv kb = ManagedKey.keyBlock(fmt, null, ManagedKey.keyValue(encode(key, type, fmt, null), List.of()), alg,
        key.bits(), null);
    return Ttlv.structure(ManagedKey.tagOf(type), kb);
  }

  /** The Cryptographic Algorithm a decoded key naturally has, keeping an EC variant already chosen. */
  static CryptographicAlgorithm algorithmOf(DecodedKey key, CryptographicAlgorithm current) {
    if (key instanceof DecodedKey.RsaPrivate || key instanceof DecodedKey.RsaPublic) {
      return CryptographicAlgorithm.RSA;
    }
    if (key instanceof DecodedKey.EcPrivate || key instanceof DecodedKey.EcPublic) {
      return current == CryptographicAlgorithm.ECDSA || current == CryptographicAlgorithm.ECDH
          || current == CryptographicAlgorithm.ECMQV ? current : CryptographicAlgorithm.EC;
    }
    if (key instanceof DecodedKey.DsaPrivate || key instanceof DecodedKey.DsaPublic) {
      return CryptographicAlgorithm.DSA;
    }
    if (key instanceof DecodedKey.Ed25519Private || key instanceof DecodedKey.Ed25519Public) {
      return CryptographicAlgorithm.ED25519;
    }
    if (key instanceof DecodedKey.X25519Private || key instanceof DecodedKey.X25519Public) {
      return CryptographicAlgorithm.ECDH;
    }
    return current;
  }

  // ---- reading ------------------------------------------------------------------------------

  static DecodedKey decode(ManagedKey k) {
    Ttlv m = k.keyMaterial();
    KeyFormatType fmt = k.keyFormatType();
    try {
      switch (k.objectType()) {
        case SYMMETRIC_KEY, SECRET_DATA, SPLIT_KEY -> {
          return switch (fmt) {
            case RAW, OPAQUE -> new DecodedKey.Secret(Fields.bytes(m));
            case TRANSPARENT_SYMMETRIC_KEY -> new DecodedKey.Secret(Fields.bytes(Fields.required(Fields.structure(m), Tag.KEY)));
            default -> throw notFor(fmt, k.objectType());
          };
        }
        case PRIVATE_KEY -> {
          return switch (fmt) {
            case PKCS_1 -> new DecodedKey.RsaPrivate(rsaPrivate(RSAPrivateKey.getInstance(asn1(Fields.bytes(m)))));
            case PKCS_8 -> DecodedKey.of(PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(asn1(Fields.bytes(m)))));
            case ECPRIVATEKEY -> new DecodedKey.EcPrivate(sec1(Fields.bytes(m)));
            case TRANSPARENT_RSA_PRIVATE_KEY -> transparentRsaPrivate(Fields.structure(m));
            case TRANSPARENT_EC_PRIVATE_KEY, TRANSPARENT_ECDSA_PRIVATE_KEY, TRANSPARENT_ECDH_PRIVATE_KEY,
                TRANSPARENT_ECMQV_PRIVATE_KEY -> transparentEcPrivate(Fields.structure(m));
            case TRANSPARENT_DSA_PRIVATE_KEY -> transparentDsaPrivate(Fields.structure(m));
            case RAW -> rawPrivate(k, Fields.bytes(m));
            default -> throw notFor(fmt, k.objectType());
          };
        }
        case PUBLIC_KEY -> {
          return switch (fmt) {
            case PKCS_1 -> {
              RSAPublicKey r = RSAPublicKey.getInstance(asn1(Fields.bytes(m)));
              yield new DecodedKey.RsaPublic(new RSAKeyParameters(false, r.getModulus(), r.getPublicExponent()));
            }
            case X_509 -> DecodedKey.of(PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(asn1(Fields.bytes(m)))));
            case TRANSPARENT_RSA_PUBLIC_KEY -> {
              Ttlv s = Fields.structure(m);
              yield new DecodedKey.RsaPublic(new RSAKeyParameters(false, big(s, Tag.MODULUS), big(s, Tag.PUBLIC_EXPONENT)));
            }
            case TRANSPARENT_EC_PUBLIC_KEY, TRANSPARENT_ECDSA_PUBLIC_KEY, TRANSPARENT_ECDH_PUBLIC_KEY,
                TRANSPARENT_ECMQV_PUBLIC_KEY -> transparentEcPublic(Fields.structure(m));
            case TRANSPARENT_DSA_PUBLIC_KEY -> transparentDsaPublic(Fields.structure(m));
            case RAW -> rawPublic(k, Fields.bytes(m));
            default -> throw notFor(fmt, k.objectType());
          };
        }
        default -> throw notFor(fmt, k.objectType());
      }
    } catch (io.keyfed.kmip.message.KmipException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw Failures.invalidField("the Key Material is not a valid " + fmt.specName() + " "
          + k.objectType().specName());
    }
  }

  private static io.keyfed.kmip.message.KmipException notFor(KeyFormatType fmt, ObjectType type) {
    return Failures.keyFormatTypeNotSupported(fmt.specName() + " is not supported for a " + type.specName());
  }

  private static ASN1Primitive asn1(byte[] der) throws IOException {
    return ASN1Primitive.fromByteArray(der);
  }

  private static BigInteger big(Ttlv s, Tag tag) {
    Ttlv c = Fields.required(s, tag);
    if (c.type() != ItemType.BIG_INTEGER) {
      throw Failures.invalidField(tag.specName() + " must be a Big Integer");
    }
    return c.asBigInteger();
  }

  private static BigInteger optionalBig(Ttlv s, Tag tag) {
    return s.child(tag) == null ? null : big(s, tag);
  }

  private static RSAPrivateCrtKeyParameters rsaPrivate(RSAPrivateKey r) {
    return new RSAPrivateCrtKeyParameters(r.getModulus(), r.getPublicExponent(), r.getPrivateExponent(),
        r.getPrime1(), r.getPrime2(), r.getExponent1(), r.getExponent2(), r.getCoefficient());
  }

  private static DecodedKey transparentRsaPrivate(Ttlv s) {
    BigInteger n = big(s, Tag.MODULUS);
    BigInteger d = optionalBig(s, Tag.PRIVATE_EXPONENT);
    BigInteger e = optionalBig(s, Tag.PUBLIC_EXPONENT);
    BigInteger p = optionalBig(s, Tag.P);
    BigInteger q = optionalBig(s, Tag.Q);
    BigInteger dp = optionalBig(s, Tag.PRIME_EXPONENT_P);
    BigInteger dq = optionalBig(s, Tag.PRIME_EXPONENT_Q);
    BigInteger qinv = optionalBig(s, Tag.CRT_COEFFICIENT);
    if (e != null && d != null && p != null && q != null && dp != null && dq != null && qinv != null) {
      return new DecodedKey.RsaPrivate(new RSAPrivateCrtKeyParameters(n, e, d, p, q, dp, dq, qinv));
    }
    if (p != null && q == null) {
      q = n.divide(p);
    } else if (q != null && p == null) {
      p = n.divide(q);
    }
    if (p != null && q != null && e != null) {
      if (!p.multiply(q).equals(n)) {
        throw Failures.invalidField("P times Q is not the Modulus");
      }
      return new DecodedKey.RsaPrivate(DecodedKey.crt(n, e, d, p, q));
    }
    if (d != null && e != null) {
      RSAPrivateCrtKeyParameters crt = DecodedKey.recoverPrimes(n, e, d);
      if (crt != null) {
        return new DecodedKey.RsaPrivate(crt);
      }
    }
    if (d != null) {
      return new DecodedKey.RsaPrivate(new RSAKeyParameters(true, n, d));
    }
    throw Failures.invalidField("a Transparent RSA Private Key needs the Private Exponent, or P, Q and the Public Exponent");
  }

  private static ECPrivateKeyParameters sec1(byte[] der) throws IOException {
    ECPrivateKey ec = ECPrivateKey.getInstance(asn1(der));
    if (ec.getParametersObject() == null) {
      throw Failures.invalidField("this ECPrivateKey names no curve");
    }
    X962Parameters params = X962Parameters.getInstance(ec.getParametersObject());
    ECDomainParameters domain;
    if (params.isNamedCurve()) {
      ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(params.getParameters());
      X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
      if (x9 == null) {
        throw Failures.featureNotSupported("unknown named curve " + oid);
      }
      domain = new ECNamedDomainParameters(oid, x9);
    } else if (params.isImplicitlyCA()) {
      throw Failures.invalidField("this ECPrivateKey names no curve");
    } else {
      domain = Curves.named(new ECDomainParameters(X9ECParameters.getInstance(params.getParameters())));
    }
    return new ECPrivateKeyParameters(ec.getKey(), domain);
  }

  private static RecommendedCurve curve(Ttlv s) {
    RecommendedCurve c = Fields.enumeration(Fields.required(s, Tag.RECOMMENDED_CURVE), RecommendedCurve::fromValue);
    if (!Curves.isWeierstrass(c)) {
      throw Failures.featureNotSupported("Recommended Curve " + c.specName() + " in a Transparent EC key is not supported");
    }
    return c;
  }

  private static DecodedKey transparentEcPrivate(Ttlv s) {
    RecommendedCurve c = curve(s);
    return new DecodedKey.EcPrivate(new ECPrivateKeyParameters(big(s, Tag.D), Curves.domain(c)));
  }

  private static DecodedKey transparentEcPublic(Ttlv s) {
    ECNamedDomainParameters domain = Curves.domain(curve(s));
    byte[] q = Fields.bytes(Fields.required(s, Tag.Q_STRING));
    return new DecodedKey.EcPublic(new ECPublicKeyParameters(domain.getCurve().decodePoint(q), domain));
  }

  /**
   * The domain parameters of a Transparent DSA key (KMIP 1.4 §2.1.7.3, 2.1.7.4): P and Q prime-sized
   * and G a generator of the order-Q subgroup (1 < G < P, G^Q mod P = 1, FIPS 186-4 §A.2.2).
   */
  private static DSAParameters dsaDomain(Ttlv s) {
    BigInteger p = big(s, Tag.P);
    BigInteger q = big(s, Tag.Q);
    BigInteger g = big(s, Tag.G);
    if (p.signum() <= 0 || q.signum() <= 0 || !p.testBit(0) || !q.testBit(0) || q.compareTo(p) >= 0
        || !p.subtract(BigInteger.ONE).mod(q).equals(BigInteger.ZERO)) {
      throw Failures.invalidField("the DSA P and Q are not a domain (Q must divide P - 1)");
    }
    if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p) >= 0 || !g.modPow(q, p).equals(BigInteger.ONE)) {
      throw Failures.invalidField("the DSA G does not generate the order-Q subgroup of P");
    }
    return new DSAParameters(p, q, g);
  }

  private static DecodedKey transparentDsaPrivate(Ttlv s) {
    DSAParameters d = dsaDomain(s);
    BigInteger x = big(s, Tag.X);
    if (x.signum() <= 0 || x.compareTo(d.getQ()) >= 0) {
      throw Failures.invalidField("the DSA X must be between 0 and Q");
    }
    return new DecodedKey.DsaPrivate(new DSAPrivateKeyParameters(x, d));
  }

  private static DecodedKey transparentDsaPublic(Ttlv s) {
    DSAParameters d = dsaDomain(s);
    BigInteger y = big(s, Tag.Y);
    if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(d.getP()) >= 0 || !y.modPow(d.getQ(), d.getP()).equals(BigInteger.ONE)) {
      throw Failures.invalidField("the DSA Y is not an element of the order-Q subgroup of P");
    }
    return new DecodedKey.DsaPublic(new DSAPublicKeyParameters(y, d));
  }

  private static DecodedKey rawPrivate(ManagedKey k, byte[] b) {
    if (k.algorithm() == CryptographicAlgorithm.ED25519 && b.length == Ed25519PrivateKeyParameters.KEY_SIZE) {
      return new DecodedKey.Ed25519Private(new Ed25519PrivateKeyParameters(b, 0));
    }
    if (isX25519(k) && b.length == 32) {
      return new DecodedKey.X25519Private(new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(b, 0));
    }
    throw notFor(KeyFormatType.RAW, k.objectType());
  }

  private static DecodedKey rawPublic(ManagedKey k, byte[] b) {
    if (k.algorithm() == CryptographicAlgorithm.ED25519 && b.length == Ed25519PublicKeyParameters.KEY_SIZE) {
      return new DecodedKey.Ed25519Public(new Ed25519PublicKeyParameters(b, 0));
    }
    if (isX25519(k) && b.length == 32) {
      return new DecodedKey.X25519Public(new org.bouncycastle.crypto.params.X25519PublicKeyParameters(b, 0));
    }
    throw notFor(KeyFormatType.RAW, k.objectType());
  }

  /** KMIP has no X25519 algorithm: a Raw ECDH (or EC) key of 256 bits is taken as one. */
  private static boolean isX25519(ManagedKey k) {
    return (k.algorithm() == CryptographicAlgorithm.ECDH || k.algorithm() == CryptographicAlgorithm.EC)
        && k.length() != null && k.length() == 256;
  }

  // ---- writing ------------------------------------------------------------------------------

  /** The Key Material of a key in a format (a Byte String or a Transparent structure). */
  static Ttlv encode(DecodedKey key, ObjectType type, KeyFormatType fmt, Ttlv keyCompressionType) {
    if (key instanceof DecodedKey.Secret s) {
      if (fmt == KeyFormatType.RAW && type != ObjectType.PRIVATE_KEY && type != ObjectType.PUBLIC_KEY) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, s.bytes());
      }
      if (fmt == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY && type != ObjectType.PRIVATE_KEY
          && type != ObjectType.PUBLIC_KEY) {
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bytes(Tag.KEY, s.bytes()));
      }
    }
    if (key instanceof DecodedKey.RsaPrivate r) {
      if (fmt == KeyFormatType.PKCS_1) {
        RSAPrivateCrtKeyParameters c = r.crt();
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(new RSAPrivateKey(c.getModulus(), c.getPublicExponent(),
            c.getExponent(), c.getP(), c.getQ(), c.getDP(), c.getDQ(), c.getQInv())));
      }
      if (fmt == KeyFormatType.PKCS_8) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(pkcs8(r)));
      }
      if (fmt == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY) {
        return transparentRsaPrivate(r.key());
      }
    }
    if (key instanceof DecodedKey.RsaPublic r) {
      if (fmt == KeyFormatType.PKCS_1) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(new RSAPublicKey(r.key().getModulus(), r.key().getExponent())));
      }
      if (fmt == KeyFormatType.X_509) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(spki(r)));
      }
      if (fmt == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY) {
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.MODULUS, r.key().getModulus()),
            Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, r.key().getExponent()));
      }
    }
    if (key instanceof DecodedKey.EcPrivate e) {
      if (fmt == KeyFormatType.ECPRIVATEKEY) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(sec1(e)));
      }
      if (fmt == KeyFormatType.PKCS_8) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(pkcs8(e)));
      }
      if (TRANSPARENT_EC_PRIVATE.contains(fmt)) {
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.enumeration(Tag.RECOMMENDED_CURVE, namedCurve(e.curve())),
            Ttlv.bigInteger(Tag.D, e.key().getD()));
      }
    }
    if (key instanceof DecodedKey.EcPublic e) {
      if (fmt == KeyFormatType.X_509) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(spki(e)));
      }
      if (TRANSPARENT_EC_PUBLIC.contains(fmt)) {
        boolean compressed = keyCompressionType != null
            && keyCompressionType.asInt() != KeyCompressionType.EC_PUBLIC_KEY_TYPE_UNCOMPRESSED.value();
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.enumeration(Tag.RECOMMENDED_CURVE, namedCurve(e.curve())),
            Ttlv.bytes(Tag.Q_STRING, e.key().getQ().getEncoded(compressed)));
      }
    }
    if (key instanceof DecodedKey.DsaPrivate d) {
      if (fmt == KeyFormatType.PKCS_8) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(pkcs8(d)));
      }
      if (fmt == KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY) {
        DSAParameters p = d.key().getParameters();
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.P, p.getP()), Ttlv.bigInteger(Tag.Q, p.getQ()),
            Ttlv.bigInteger(Tag.G, p.getG()), Ttlv.bigInteger(Tag.X, d.key().getX()));
      }
    }
    if (key instanceof DecodedKey.DsaPublic d) {
      if (fmt == KeyFormatType.X_509) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(spki(d)));
      }
      if (fmt == KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY) {
        DSAParameters p = d.key().getParameters();
        return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.P, p.getP()), Ttlv.bigInteger(Tag.Q, p.getQ()),
            Ttlv.bigInteger(Tag.G, p.getG()), Ttlv.bigInteger(Tag.Y, d.key().getY()));
      }
    }
    if (key instanceof DecodedKey.Ed25519Private e) {
      if (fmt == KeyFormatType.PKCS_8) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(pkcs8(e)));
      }
      if (fmt == KeyFormatType.RAW) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, e.key().getEncoded());
      }
    }
    if (key instanceof DecodedKey.Ed25519Public e) {
      if (fmt == KeyFormatType.X_509) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(spki(e)));
      }
      if (fmt == KeyFormatType.RAW) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, e.key().getEncoded());
      }
    }
    if (key instanceof DecodedKey.X25519Private x) {
      if (fmt == KeyFormatType.PKCS_8) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(pkcs8(x)));
      }
      if (fmt == KeyFormatType.RAW) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, x.key().getEncoded());
      }
    }
    if (key instanceof DecodedKey.X25519Public x) {
      if (fmt == KeyFormatType.X_509) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, der(spki(x)));
      }
      if (fmt == KeyFormatType.RAW) {
        return Ttlv.bytes(Tag.KEY_MATERIAL, x.key().getEncoded());
      }
    }
    throw Failures.keyFormatTypeNotSupported("a " + type.specName() + " (" + key + ") cannot be given as "
        + fmt.specName());
  }

  private static RecommendedCurve namedCurve(RecommendedCurve c) {
    if (c == null) {
      throw Failures.keyFormatTypeNotSupported("this EC key is on a curve that has no Recommended Curve value");
    }
    return c;
  }

  private static Ttlv transparentRsaPrivate(RSAKeyParameters k) {
    if (k instanceof RSAPrivateCrtKeyParameters c) {
      return Ttlv.structure(Tag.KEY_MATERIAL,
          Ttlv.bigInteger(Tag.MODULUS, c.getModulus()),
          Ttlv.bigInteger(Tag.PRIVATE_EXPONENT, c.getExponent()),
          Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, c.getPublicExponent()),
          Ttlv.bigInteger(Tag.P, c.getP()),
          Ttlv.bigInteger(Tag.Q, c.getQ()),
          Ttlv.bigInteger(Tag.PRIME_EXPONENT_P, c.getDP()),
          Ttlv.bigInteger(Tag.PRIME_EXPONENT_Q, c.getDQ()),
          Ttlv.bigInteger(Tag.CRT_COEFFICIENT, c.getQInv()));
    }
    return Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.MODULUS, k.getModulus()),
        Ttlv.bigInteger(Tag.PRIVATE_EXPONENT, k.getExponent()));
  }

  private static ECPrivateKey sec1(DecodedKey.EcPrivate e) {
    ECDomainParameters d = e.key().getParameters();
    X962Parameters params = d instanceof ECNamedDomainParameters n ? new X962Parameters(n.getName())
        : new X962Parameters(new X9ECParameters(d.getCurve(), new org.bouncycastle.asn1.x9.X9ECPoint(d.getG(), false),
            d.getN(), d.getH(), d.getSeed()));
    return new ECPrivateKey(d.getN().bitLength(), e.key().getD(), new DERBitString(e.q().getEncoded(false)), params);
  }

  static PrivateKeyInfo pkcs8(DecodedKey key) {
    try {
      AsymmetricKeyParameter p;
      if (key instanceof DecodedKey.RsaPrivate r) {
        p = r.crt();
      } else if (key instanceof DecodedKey.EcPrivate e) {
        p = e.key();
      } else if (key instanceof DecodedKey.DsaPrivate d) {
        p = d.key();
      } else if (key instanceof DecodedKey.Ed25519Private e) {
        p = e.key();
      } else if (key instanceof DecodedKey.X25519Private x) {
        p = x.key();
      } else {
        throw Failures.invalidField("not a private key: " + key);
      }
      return PrivateKeyInfoFactory.createPrivateKeyInfo(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode PKCS#8", e);
    }
  }

  static SubjectPublicKeyInfo spki(DecodedKey key) {
    try {
      AsymmetricKeyParameter p;
      if (key instanceof DecodedKey.RsaPublic r) {
        p = r.key();
      } else if (key instanceof DecodedKey.EcPublic e) {
        p = e.key();
      } else if (key instanceof DecodedKey.DsaPublic d) {
        p = d.key();
      } else if (key instanceof DecodedKey.Ed25519Public e) {
        p = e.key();
      } else if (key instanceof DecodedKey.X25519Public x) {
        p = x.key();
      } else {
        throw Failures.invalidField("not a public key: " + key);
      }
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode SubjectPublicKeyInfo", e);
    }
  }

  static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
    try {
      return o.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode " + o.getClass().getSimpleName(), e);
    }
  }

  static byte[] unsigned(BigInteger v, int length) {
    return BigIntegers.asUnsignedByteArray(length, v);
  }
}
