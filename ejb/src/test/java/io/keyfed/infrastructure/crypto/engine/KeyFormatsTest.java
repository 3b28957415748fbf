package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.infrastructure.crypto.engine.KeyGeneration.KeyPair;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key Format Types: every pair of formats a key can take converts both ways to the same key, the
 * attributes in a Key Value survive, and the encodings are the standard ones (the JDK reads the
 * PKCS#8 and X.509 output).
 */
class KeyFormatsTest {

  static final KeyGeneration GEN = new KeyGeneration(TestKeys.RANDOM);

  static final List<KeyFormatType> RSA_PRIVATE = List.of(KeyFormatType.PKCS_1, KeyFormatType.PKCS_8,
      KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY);
  static final List<KeyFormatType> RSA_PUBLIC = List.of(KeyFormatType.PKCS_1, KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY);
  static final List<KeyFormatType> EC_PRIVATE = List.of(KeyFormatType.ECPRIVATEKEY, KeyFormatType.PKCS_8,
      KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY, KeyFormatType.TRANSPARENT_ECMQV_PRIVATE_KEY);
  static final List<KeyFormatType> EC_PUBLIC = List.of(KeyFormatType.X_509, KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECMQV_PUBLIC_KEY);
  static final List<KeyFormatType> OKP = List.of(KeyFormatType.PKCS_8, KeyFormatType.RAW);
  static final List<KeyFormatType> OKP_PUBLIC = List.of(KeyFormatType.X_509, KeyFormatType.RAW);
  static final List<KeyFormatType> DSA_PRIVATE = List.of(KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, KeyFormatType.PKCS_8);
  static final List<KeyFormatType> DSA_PUBLIC = List.of(KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, KeyFormatType.X_509);
  static final List<KeyFormatType> SYMMETRIC = List.of(KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);

  /** From each format to each other and back: the same key, the same Key Block otherwise. */
  static void allPairs(Ttlv object, List<KeyFormatType> formats) {
    Ttlv start = KeyFormats.convert(object, formats.get(0));
    DecodedKey reference = ManagedKey.of(start).decode();
    for (KeyFormatType from : formats) {
      Ttlv a = KeyFormats.convert(start, from);
      assertEquals(from, KeyFormats.keyFormatType(a));
      for (KeyFormatType to : formats) {
        Ttlv b = KeyFormats.convert(a, to);
        assertEquals(to, KeyFormats.keyFormatType(b));
        assertSameKey(reference, ManagedKey.of(b).decode(), from + " -> " + to);
        assertEquals(a, KeyFormats.convert(b, from), from + " -> " + to + " -> " + from);
        ManagedKey mb = ManagedKey.of(b);
        ManagedKey ma = ManagedKey.of(a);
        assertEquals(ma.algorithm(), mb.algorithm());
        assertEquals(ma.length(), mb.length());
      }
    }
  }

  static void assertSameKey(DecodedKey a, DecodedKey b, String msg) {
    assertEquals(a.getClass(), b.getClass(), msg);
    assertArrayEquals(fingerprint(a), fingerprint(b), msg);
  }

  static byte[] fingerprint(DecodedKey k) {
    if (k instanceof DecodedKey.Secret s) {
      return s.bytes();
    }
    if (k instanceof DecodedKey.RsaPrivate || k instanceof DecodedKey.EcPrivate || k instanceof DecodedKey.Ed25519Private
        || k instanceof DecodedKey.X25519Private || k instanceof DecodedKey.DsaPrivate) {
      return KeyFormats.der(KeyFormats.pkcs8(k));
    }
    return KeyFormats.der(KeyFormats.spki(k));
  }

  @Test
  void rsaPrivateAndPublicEveryPair() {
    KeyPair kp = GEN.keyPair(CryptographicAlgorithm.RSA, 2048, null);
    allPairs(kp.privateKey(), RSA_PRIVATE);
    allPairs(kp.publicKey(), RSA_PUBLIC);
  }

  @Test
  void ecEveryPairOnSeveralCurves() {
    for (RecommendedCurve c : List.of(RecommendedCurve.P_256, RecommendedCurve.P_384, RecommendedCurve.P_521,
        RecommendedCurve.SECP256K1, RecommendedCurve.BRAINPOOLP256R1)) {
      KeyPair kp = GEN.keyPair(CryptographicAlgorithm.EC, null, c);
      // every pair on P-256; the three kinds of encoding on the other curves (point multiplications are slow)
      allPairs(kp.privateKey(), c == RecommendedCurve.P_256 ? EC_PRIVATE : EC_PRIVATE.subList(0, 3));
      allPairs(kp.publicKey(), c == RecommendedCurve.P_256 ? EC_PUBLIC : EC_PUBLIC.subList(0, 2));
      Ttlv t = KeyFormats.convert(kp.publicKey(), KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY);
      Ttlv material = t.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL);
      assertEquals(c.value(), material.child(Tag.RECOMMENDED_CURVE).asInt());
      assertEquals(0x04, material.child(Tag.Q_STRING).asBytes()[0], "uncompressed point");
    }
  }

  @Test
  void ed25519AndX25519EveryPair() {
    KeyPair ed = GEN.keyPair(CryptographicAlgorithm.ED25519, null, null);
    allPairs(ed.privateKey(), OKP);
    allPairs(ed.publicKey(), OKP_PUBLIC);
    KeyPair x = GEN.keyPair(CryptographicAlgorithm.ECDH, null, RecommendedCurve.CURVE25519);
    assertEquals(CryptographicAlgorithm.ECDH, ManagedKey.of(x.privateKey()).algorithm());
    allPairs(x.privateKey(), OKP);
    allPairs(x.publicKey(), OKP_PUBLIC);
  }

  @Test
  void symmetricKeyAndSecretDataWithAttributesInTheKeyValue() {
    Ttlv attr = Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
        Ttlv.integer(Tag.ATTRIBUTE_VALUE, 12));
    Ttlv kb = ManagedKey.keyBlock(KeyFormatType.RAW, null,
        ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, hex("00112233445566778899aabbccddeeff")), List.of(attr)),
        CryptographicAlgorithm.AES, 128, null);
    Ttlv key = Ttlv.structure(Tag.SYMMETRIC_KEY, kb);
    allPairs(key, SYMMETRIC);
    Ttlv t = KeyFormats.convert(key, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
    Ttlv kv = t.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE);
    assertEquals(attr, kv.child(Tag.ATTRIBUTE));
    assertArrayEquals(hex("00112233445566778899aabbccddeeff"), kv.child(Tag.KEY_MATERIAL).child(Tag.KEY).asBytes());
    assertSame(key, KeyFormats.convert(key, KeyFormatType.RAW));

    Ttlv sd = KeyFormats.secretData(SecretDataType.PASSWORD, "password".getBytes());
    assertEquals(KeyFormatType.OPAQUE, KeyFormats.keyFormatType(sd));
    assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, () -> KeyFormats.convert(sd, KeyFormatType.RAW));
  }

  @Test
  void formatsAKeyCannotTakeAreKeyFormatTypeNotSupported() {
    KeyPair rsa = GEN.keyPair(CryptographicAlgorithm.RSA, 2048, null);
    Ttlv aes = new KeyGeneration(TestKeys.RANDOM).symmetricKey(CryptographicAlgorithm.AES, 256);
    Map<Ttlv, List<KeyFormatType>> bad = Map.of(
        rsa.privateKey(), List.of(KeyFormatType.X_509, KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY,
            KeyFormatType.ECPRIVATEKEY, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, KeyFormatType.PKCS_12),
        rsa.publicKey(), List.of(KeyFormatType.PKCS_8, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY, KeyFormatType.RAW),
        aes, List.of(KeyFormatType.PKCS_1, KeyFormatType.PKCS_8, KeyFormatType.X_509, KeyFormatType.OPAQUE));
    bad.forEach((obj, formats) -> formats.forEach(f -> {
      assertFalse(KeyFormats.canConvert(obj, f), f.toString());
      assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, () -> KeyFormats.convert(obj, f));
    }));
    assertTrue(KeyFormats.canConvert(aes, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY));
  }

  @Test
  void theJdkReadsPkcs8AndX509() throws Exception {
    KeyPair rsa = GEN.keyPair(CryptographicAlgorithm.RSA, 2048, null);
    KeyPair ec = GEN.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.P_384);
    KeyPair ed = GEN.keyPair(CryptographicAlgorithm.ED25519, null, null);
    for (Object[] c : new Object[][] {{rsa, "RSA"}, {ec, "EC"}, {ed, "Ed25519"}}) {
      KeyPair kp = (KeyPair) c[0];
      KeyFactory f = KeyFactory.getInstance((String) c[1]);
      f.generatePrivate(new PKCS8EncodedKeySpec(KeyFormats.privateKeyInfo(kp.privateKey())));
      PublicKey pub = f.generatePublic(new X509EncodedKeySpec(KeyFormats.subjectPublicKeyInfo(kp.publicKey())));
      // and back: a Public Key object from a SubjectPublicKeyInfo
      Ttlv back = KeyFormats.publicKey(pub.getEncoded());
      assertEquals(KeyFormatType.X_509, KeyFormats.keyFormatType(back));
      assertArrayEquals(pub.getEncoded(), KeyFormats.subjectPublicKeyInfo(back));
    }
    assertEquals(CryptographicAlgorithm.RSA, ManagedKey.of(KeyFormats.publicKey(KeyFormats.subjectPublicKeyInfo(
        rsa.publicKey()))).algorithm());
  }

  @Test
  void oasisKeysReadInTheirRegisteredFormats() {
    Ttlv rsaPriv = SignaturesTest.OASIS_RSA_PRIVATE;
    allPairs(rsaPriv, RSA_PRIVATE);
    allPairs(SignaturesTest.OASIS_RSA_PUBLIC, RSA_PUBLIC);
    Ttlv ecPriv = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.ECPRIVATEKEY, CryptographicAlgorithm.EC, 256,
        OasisVectors.get("tc-ecdsa-sign-digesteddata-1.privateKey.sec1"));
    Ttlv t = KeyFormats.convert(ecPriv, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY);
    assertEquals(RecommendedCurve.SECP256K1.value(),
        t.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).child(Tag.RECOMMENDED_CURVE).asInt());
    // the public key of the SEC1 key is the registered X.509 one
    Ttlv pub = TestKeys.object(Tag.PUBLIC_KEY, KeyFormatType.X_509, CryptographicAlgorithm.EC, 256,
        OasisVectors.get("tc-ecdsa-sign-digesteddata-1.publicKey.x509"));
    assertSameKey(ManagedKey.of(pub).decode(), ((DecodedKey.EcPrivate) ManagedKey.of(ecPriv).decode()).publicKey(), "EC");
  }

  /** The 512-bit DSA key of the KMIP 2.1 test cases BL-M-12-21 and BL-M-13-21 (Y = G^X mod P). */
  static final String DSA_P = "fca682ce8e12caba26efccf7110e526db078b05edecbcd1eb4a208f3ae1617ae01f35b91a47e6df6"
      + "3413c5e12ed0899bcd132acd50d99151bdc43ee737592e17";
  static final String DSA_Q = "962eddcc369cba8ebb260ee6b6a126d9346e38c5";
  static final String DSA_G = "678471b27a9cf44ee91a49c5147db1a9aaf244f05a434d6486931d2d14271b9e35030b71fd73da17"
      + "9069b32e2935630e1c2062354d0da20a6c416e50be794ca4";
  static final String DSA_Y = "b3cb74d988dea7160a64a4edbb7f70404fa4c08a4208c19d76357a6a9df200cce79faecb22e3419b"
      + "e9b01128cbd998a2d9307101705e4a952462f34728ac5fcf";
  static final String DSA_X = "095411d740d2443fa3f97d1ed9a0411bb45e7131";

  static Ttlv transparentDsa(Tag objectTag, KeyFormatType fmt, Tag valueTag, String value, String g) {
    Ttlv m = Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.P, new BigInteger(DSA_P, 16)),
        Ttlv.bigInteger(Tag.Q, new BigInteger(DSA_Q, 16)), Ttlv.bigInteger(Tag.G, new BigInteger(g, 16)),
        Ttlv.bigInteger(valueTag, new BigInteger(value, 16)));
    return Ttlv.structure(objectTag, ManagedKey.keyBlock(fmt, null, ManagedKey.keyValue(m, List.of()),
        CryptographicAlgorithm.DSA, 512, null));
  }

  @Test
  void dsaTransparentKeysConvertAndTheJdkReadsThem() throws Exception {
    Ttlv priv = transparentDsa(Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, Tag.X, DSA_X, DSA_G);
    Ttlv pub = transparentDsa(Tag.PUBLIC_KEY, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, Tag.Y, DSA_Y, DSA_G);
    KeyFormats.validate(priv);
    KeyFormats.validate(pub);
    allPairs(priv, DSA_PRIVATE);
    allPairs(pub, DSA_PUBLIC);
    assertSame(priv, KeyFormats.convert(priv, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY));
    assertSameKey(ManagedKey.of(pub).decode(), ((DecodedKey.DsaPrivate) ManagedKey.of(priv).decode()).publicKey(), "DSA");
    assertEquals(512, ManagedKey.of(priv).decode().bits());

    KeyFactory f = KeyFactory.getInstance("DSA");
    f.generatePrivate(new PKCS8EncodedKeySpec(KeyFormats.privateKeyInfo(priv)));
    PublicKey jdk = f.generatePublic(new X509EncodedKeySpec(KeyFormats.subjectPublicKeyInfo(pub)));
    Ttlv back = KeyFormats.publicKey(jdk.getEncoded());
    assertEquals(CryptographicAlgorithm.DSA, ManagedKey.of(back).algorithm());
    assertEquals(512, ManagedKey.of(back).length());
    assertEquals(pub.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE),
        KeyFormats.convert(back, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY).child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE));

    for (KeyFormatType f2 : List.of(KeyFormatType.PKCS_1, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY,
        KeyFormatType.ECPRIVATEKEY, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, KeyFormatType.RAW)) {
      assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, () -> KeyFormats.convert(priv, f2));
    }
    assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        () -> KeyFormats.convert(pub, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY));
  }

  @Test
  void dsaKeysOutsideTheirDomainAreInvalidField() {
    // G = 2 does not generate the order-Q subgroup; X = Q; Y = 2
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.validate(
        transparentDsa(Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, Tag.X, DSA_X, "02")));
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.validate(
        transparentDsa(Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, Tag.X, DSA_Q, DSA_G)));
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.validate(
        transparentDsa(Tag.PUBLIC_KEY, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, Tag.Y, "02", DSA_G)));
    // a public key's material under the private format: X, a mandatory field, is missing
    assertReason(ResultReason.INVALID_MESSAGE, () -> KeyFormats.validate(
        transparentDsa(Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, Tag.Y, DSA_Y, DSA_G)));
  }

  @Test
  void transparentRsaPrivateKeyWithoutPrimesStillSigns() {
    KeyPair kp = GEN.keyPair(CryptographicAlgorithm.RSA, 2048, null);
    Ttlv full = KeyFormats.convert(kp.privateKey(), KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY);
    Ttlv m = full.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL);
    BigInteger n = m.child(Tag.MODULUS).asBigInteger();
    BigInteger d = m.child(Tag.PRIVATE_EXPONENT).asBigInteger();
    BigInteger e = m.child(Tag.PUBLIC_EXPONENT).asBigInteger();
    // Modulus and both exponents: the primes are recovered, so PKCS#1 works
    Ttlv ned = transparentRsa(Ttlv.bigInteger(Tag.MODULUS, n), Ttlv.bigInteger(Tag.PRIVATE_EXPONENT, d),
        Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, e));
    assertEquals(KeyFormats.convert(kp.privateKey(), KeyFormatType.PKCS_1).child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE),
        KeyFormats.convert(ned, KeyFormatType.PKCS_1).child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE));
    // Modulus, P and the public exponent: the rest is computed
    Ttlv npe = transparentRsa(Ttlv.bigInteger(Tag.MODULUS, n), Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, e),
        m.child(Tag.P));
    assertSameKey(ManagedKey.of(kp.privateKey()).decode(), ManagedKey.of(npe).decode(), "n, p, e");
    Signatures sig = new Signatures(TestKeys.RANDOM, TestKeys.registry());
    CryptographicParameters p = CryptographicParameters.NONE.withPaddingMethod(PaddingMethod.PKCS1_V1_5)
        .withHashingAlgorithm(io.keyfed.kmip.spec.HashingAlgorithm.SHA_256);
    byte[] s = sig.sign("x", npe, p, new byte[3], null, null).signatureData();
    assertEquals(ValidityIndicator.VALID, sig.verify("y", kp.publicKey(), p, new byte[3], null, s, null).validityIndicator());
    // Modulus and Private Exponent only: usable, but not convertible to PKCS#1
    Ttlv nd = transparentRsa(Ttlv.bigInteger(Tag.MODULUS, n), Ttlv.bigInteger(Tag.PRIVATE_EXPONENT, d));
    byte[] s2 = sig.sign("x", nd, p, new byte[3], null, null).signatureData();
    assertEquals(ValidityIndicator.VALID, sig.verify("y", kp.publicKey(), p, new byte[3], null, s2, null).validityIndicator());
    assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, () -> KeyFormats.convert(nd, KeyFormatType.PKCS_1));
  }

  static Ttlv transparentRsa(Ttlv... fields) {
    return Ttlv.structure(Tag.PRIVATE_KEY, ManagedKey.keyBlock(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY, null,
        ManagedKey.keyValue(Ttlv.structure(Tag.KEY_MATERIAL, fields), List.of()), CryptographicAlgorithm.RSA, 2048, null));
  }

  @Test
  void malformedMaterialIsInvalidField() {
    Ttlv junk = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.PKCS_1, CryptographicAlgorithm.RSA, 2048, "3003020101");
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.validate(junk));
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.convert(junk, KeyFormatType.PKCS_8));
    Ttlv noBlock = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "x"));
    assertReason(ResultReason.INVALID_FIELD, () -> KeyFormats.convert(noBlock, KeyFormatType.RAW));
  }
}
