package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyfed.infrastructure.crypto.engine.KeyGeneration.KeyPair;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.DigitalSignatureAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign / Signature Verify: the OASIS fixed-key cases (CS-AC-M-2 PSS signature, RSA and ECDSA
 * Digested Data), RSA PKCS#1 v1.5 and ECDSA (RFC 6979) known answers, RFC 8032 Ed25519, and
 * sign-then-verify round trips for every scheme and hash, one-shot and streamed.
 */
class SignaturesTest {

  static final KeyGeneration GEN = new KeyGeneration(TestKeys.RANDOM);
  static final KeyPair RSA = GEN.keyPair(CryptographicAlgorithm.RSA, 2048, null);
  static final KeyPair P256 = GEN.keyPair(CryptographicAlgorithm.ECDSA, null, RecommendedCurve.P_256);
  static final KeyPair P384 = GEN.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.P_384);
  static final KeyPair P521 = GEN.keyPair(CryptographicAlgorithm.EC, 521, null);
  static final KeyPair ED = GEN.keyPair(CryptographicAlgorithm.ED25519, null, null);

  final Signatures sig = new Signatures(TestKeys.RANDOM, TestKeys.registry());

  static final Ttlv OASIS_RSA_PRIVATE = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.PKCS_1, CryptographicAlgorithm.RSA,
      2048, OasisVectors.get("cs-ac-m-1.privateKey.pkcs1"));
  static final Ttlv OASIS_RSA_PUBLIC = TestKeys.object(Tag.PUBLIC_KEY, KeyFormatType.PKCS_1, CryptographicAlgorithm.RSA,
      2048, OasisVectors.get("cs-ac-m-2.publicKey.pkcs1"));

  static CryptographicParameters rsa(PaddingMethod pm, HashingAlgorithm h) {
    return CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.RSA).withPaddingMethod(pm)
        .withHashingAlgorithm(h);
  }

  ValidityIndicator verify(Ttlv pub, CryptographicParameters p, byte[] data, byte[] signature) {
    return sig.verify("pub", pub, p, data, null, signature, null).validityIndicator();
  }

  @Test
  void oasisCsAcM2VerifiesAPssSignatureWithMaximalSalt() {
    CryptographicParameters p = rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_256);
    byte[] data = hex(OasisVectors.get("cs-ac-m-2.data"));
    byte[] s = hex(OasisVectors.get("cs-ac-m-2.signature"));
    assertEquals(ValidityIndicator.VALID, verify(OASIS_RSA_PUBLIC, p, data, s));
    byte[] otherData = data.clone();
    otherData[0] = (byte) 0xFF;
    assertEquals(ValidityIndicator.INVALID, verify(OASIS_RSA_PUBLIC, p, otherData, s));
    byte[] otherSig = s.clone();
    otherSig[0] = (byte) 0xFF;
    assertEquals(ValidityIndicator.INVALID, verify(OASIS_RSA_PUBLIC, p, data, otherSig));
    // with the salt length given, only that one verifies
    assertEquals(ValidityIndicator.VALID, verify(OASIS_RSA_PUBLIC, p.withSaltLength(222), data, s));
    assertEquals(ValidityIndicator.INVALID, verify(OASIS_RSA_PUBLIC, p.withSaltLength(32), data, s));
  }

  @Test
  void oasisCsAcM1And3PssSignThenVerify() {
    CryptographicParameters p = rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_256);
    byte[] data = hex("01020304050607080910111213141516");
    byte[] s = sig.sign("priv", OASIS_RSA_PRIVATE, p, data, null, null).signatureData();
    assertEquals(256, s.length);
    assertEquals(ValidityIndicator.VALID, verify(OASIS_RSA_PUBLIC, p, data, s));
    // CS-AC-M-3: verifying with SHA-1 instead is Invalid, not an error
    assertEquals(ValidityIndicator.INVALID, verify(OASIS_RSA_PUBLIC, rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_1), data, s));
  }

  @Test
  void rsaPkcs1v15IsDeterministicKnownAnswer() {
    byte[] s = sig.sign("priv", OASIS_RSA_PRIVATE, rsa(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256),
        hex("01020304050607080910111213141516"), null, null).signatureData();
    assertEquals("94257e4ce0445e36860d2ed32ca24052e8eaa7aef1eaf8118d00e29cfe0b95e83d6285b15864469ff545cde5aa92a810"
        + "e4b0f5dc7d0144465444f39a5e409e6691299116ecea07907dfead44c7577679ea18901dbc65d169025658d04a191d7029d9c8"
        + "038bc06259722d62e8cc8279d7fa5038bc6ea0b08fc00e706368bf4042aae1bd564b5ca6fc5d1052d4b1e7138f246a1f80a1da"
        + "27628c6db185eff06d1519986c7316f7874b17c4619a2faae26ffd62609c0d13069ed50a93d2f32813e1698825e03c25107b80"
        + "9d1e3dc96b95c1cbb26163469f4e7fc5a8daf4a4b5c3ba9be7af580f7b6483526985a67108c8de6f1e894e9df5a9ad1387442c"
        + "1ad6aca1", hex(s));
    // the same by Digital Signature Algorithm, and by Digested Data
    byte[] s2 = sig.sign("priv", OASIS_RSA_PRIVATE, CryptographicParameters.NONE.withDigitalSignatureAlgorithm(
        DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION), hex("01020304050607080910111213141516"), null, null)
        .signatureData();
    assertArrayEquals(s, s2);
    byte[] digest = Hashing.digest(HashingAlgorithm.SHA_256, hex("01020304050607080910111213141516"));
    byte[] s3 = sig.sign("priv", OASIS_RSA_PRIVATE, rsa(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256), null,
        digest, null).signatureData();
    assertArrayEquals(s, s3);
  }

  @Test
  void oasisTcRsaSignDigestedData1() {
    CryptographicParameters p = CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.RSA);
    byte[] digested = hex("01020304050607080910111213141516");
    byte[] s = sig.sign("priv", OASIS_RSA_PRIVATE, p, null, digested, null).signatureData();
    assertEquals(ValidityIndicator.VALID, sig.verify("pub", OASIS_RSA_PUBLIC, p, null, digested, s, null).validityIndicator());
    assertEquals(ValidityIndicator.INVALID, verify(OASIS_RSA_PUBLIC, rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_1),
        digested, s));
  }

  @Test
  void oasisTcEcdsaSignDigestedData1OnSecp256k1() {
    Ttlv priv = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.ECPRIVATEKEY, CryptographicAlgorithm.EC, 256,
        OasisVectors.get("tc-ecdsa-sign-digesteddata-1.privateKey.sec1"));
    Ttlv pub = TestKeys.object(Tag.PUBLIC_KEY, KeyFormatType.X_509, CryptographicAlgorithm.EC, 256,
        OasisVectors.get("tc-ecdsa-sign-digesteddata-1.publicKey.x509"));
    byte[] digested = hex("01020304050607080910111213141516");
    byte[] s = sig.sign("priv", priv, CryptographicParameters.NONE, null, digested, null).signatureData();
    assertEquals(ValidityIndicator.VALID, sig.verify("pub", pub, null, null, digested, s, null).validityIndicator());
    // RSA/PSS parameters against an EC key: Invalid
    assertEquals(ValidityIndicator.INVALID, verify(pub, rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_1), digested, s));
  }

  @Test
  void ecdsaRfc6979KnownAnswerP256Sha256() {
    // RFC 6979 A.2.5, message "sample"
    Ttlv priv = Ttlv.structure(Tag.PRIVATE_KEY, ManagedKey.keyBlock(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, null,
        ManagedKey.keyValue(Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.enumeration(Tag.RECOMMENDED_CURVE, RecommendedCurve.P_256),
            Ttlv.bigInteger(Tag.D, new java.math.BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16))),
            java.util.List.of()), CryptographicAlgorithm.ECDSA, 256, null));
    byte[] s = sig.sign("priv", priv, CryptographicParameters.NONE.withDigitalSignatureAlgorithm(
        DigitalSignatureAlgorithm.ECDSA_WITH_SHA256), "sample".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null,
        null).signatureData();
    org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(s);
    assertEquals("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
        ((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(0)).getValue().toString(16));
    assertEquals("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
        ((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(1)).getValue().toString(16));
  }

  @Test
  void ed25519Rfc8032TestVectors1And2() {
    Ttlv priv = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.RAW, CryptographicAlgorithm.ED25519, 256,
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    Ttlv pub = TestKeys.object(Tag.PUBLIC_KEY, KeyFormatType.RAW, CryptographicAlgorithm.ED25519, 256,
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] s = sig.sign("priv", priv, null, new byte[0], null, null).signatureData();
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd"
        + "25bf5f0595bbe24655141438e7a100b", hex(s));
    assertEquals(ValidityIndicator.VALID, verify(pub, null, new byte[0], s));

    Ttlv priv2 = TestKeys.object(Tag.PRIVATE_KEY, KeyFormatType.RAW, CryptographicAlgorithm.ED25519, 256,
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    assertEquals("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b"
        + "2eaeb4302aeeb00d291612bb0c00", hex(sig.sign("priv", priv2, null, hex("72"), null, null).signatureData()));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("priv", priv, null, null, new byte[64], null));
  }

  @ParameterizedTest
  @EnumSource(value = HashingAlgorithm.class, names = {"SHA_1", "SHA_224", "SHA_256", "SHA_384", "SHA_512", "SHA3_256"})
  void rsaPkcs1AndPssRoundTrips(HashingAlgorithm h) {
    byte[] data = "round trip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (PaddingMethod pm : new PaddingMethod[] {PaddingMethod.PKCS1_V1_5, PaddingMethod.PSS}) {
      CryptographicParameters p = rsa(pm, h);
      byte[] s = sig.sign("priv", RSA.privateKey(), p, data, null, null).signatureData();
      assertEquals(ValidityIndicator.VALID, verify(RSA.publicKey(), p, data, s), pm + " " + h);
      assertEquals(ValidityIndicator.INVALID, verify(RSA.publicKey(), p, "other".getBytes(), s), pm + " " + h);
      // pre-hashed
      byte[] d = Hashing.digest(h, data);
      byte[] s2 = sig.sign("priv", RSA.privateKey(), p, null, d, null).signatureData();
      assertEquals(ValidityIndicator.VALID, verify(RSA.publicKey(), p, data, s2), "digested " + pm + " " + h);
      assertEquals(ValidityIndicator.VALID, sig.verify("pub", RSA.publicKey(), p, null, d, s, null).validityIndicator());
    }
  }

  @ParameterizedTest
  @EnumSource(value = HashingAlgorithm.class, names = {"SHA_1", "SHA_224", "SHA_256", "SHA_384", "SHA_512"})
  void ecdsaRoundTripsOnP256P384P521(HashingAlgorithm h) {
    byte[] data = "round trip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CryptographicParameters p = CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.ECDSA)
        .withHashingAlgorithm(h);
    for (KeyPair kp : new KeyPair[] {P256, P384, P521}) {
      byte[] s = sig.sign("priv", kp.privateKey(), p, data, null, null).signatureData();
      assertEquals(ValidityIndicator.VALID, verify(kp.publicKey(), p, data, s));
      assertEquals(ValidityIndicator.INVALID, verify(kp.publicKey(), p, "other".getBytes(), s));
      byte[] s2 = sig.sign("priv", kp.privateKey(), p, null, Hashing.digest(h, data), null).signatureData();
      assertEquals(ValidityIndicator.VALID, verify(kp.publicKey(), p, data, s2));
    }
  }

  @Test
  void ed25519RoundTripAndWrongKey() {
    byte[] data = new byte[1000];
    byte[] s = sig.sign("priv", ED.privateKey(), null, data, null, null).signatureData();
    assertEquals(ValidityIndicator.VALID, verify(ED.publicKey(), null, data, s));
    assertEquals(ValidityIndicator.INVALID, verify(GEN.keyPair(CryptographicAlgorithm.ED25519, 256, null).publicKey(),
        null, data, s));
    assertEquals(ValidityIndicator.INVALID, verify(ED.publicKey(), null, data, Arrays.copyOf(s, 10)));
  }

  @Test
  void streamingEqualsOneShotForEveryScheme() {
    byte[] data = new byte[300];
    TestKeys.RANDOM.nextBytes(data);
    Object[][] cases = {
        {RSA, rsa(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256)},
        {RSA, rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_384)},
        {P256, CryptographicParameters.NONE.withDigitalSignatureAlgorithm(DigitalSignatureAlgorithm.ECDSA_WITH_SHA256)},
        {ED, CryptographicParameters.NONE},
    };
    for (Object[] c : cases) {
      KeyPair kp = (KeyPair) c[0];
      CryptographicParameters p = (CryptographicParameters) c[1];
      Signatures.Signed a = sig.sign("priv", kp.privateKey(), p, Arrays.copyOfRange(data, 0, 7), null, Streaming.first());
      assertNull(a.signatureData());
      assertNotNull(a.correlationValue());
      sig.sign("priv", null, null, Arrays.copyOfRange(data, 7, 100), null, Streaming.next(a.correlationValue()));
      byte[] streamed = sig.sign("priv", null, null, Arrays.copyOfRange(data, 100, 300), null,
          Streaming.last(a.correlationValue())).signatureData();
      assertEquals(ValidityIndicator.VALID, verify(kp.publicKey(), p, data, streamed), p.toString());
      if (kp != RSA || p.paddingMethod() == PaddingMethod.PKCS1_V1_5 || kp == ED) {
        // deterministic schemes: the very same signature
        if (kp != P256) {
          assertArrayEquals(sig.sign("priv", kp.privateKey(), p, data, null, null).signatureData(), streamed);
        }
      }
      // TC-STREAM-SIGNVFY-1: the signature comes with the first part
      Signatures.Verified v = sig.verify("pub", kp.publicKey(), p, Arrays.copyOfRange(data, 0, 2), null, streamed,
          Streaming.first());
      sig.verify("pub", null, null, Arrays.copyOfRange(data, 2, 200), null, null, Streaming.next(v.correlationValue()));
      assertEquals(ValidityIndicator.VALID, sig.verify("pub", null, null, Arrays.copyOfRange(data, 200, 300), null, null,
          Streaming.last(v.correlationValue())).validityIndicator());
    }
  }

  @Test
  void oasisTcStreamSignVfy1() {
    CryptographicParameters p = rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_256);
    byte[] s = hex(OasisVectors.get("cs-ac-m-2.signature"));
    Signatures.Verified v = sig.verify("pub", OASIS_RSA_PUBLIC, p, hex("0102"), null, s, Streaming.first());
    sig.verify("pub", OASIS_RSA_PUBLIC, p, hex("030405060708091011121314"), null, null, Streaming.next(v.correlationValue()));
    assertEquals(ValidityIndicator.VALID, sig.verify("pub", OASIS_RSA_PUBLIC, p, hex("1516"), null, null,
        Streaming.last(v.correlationValue())).validityIndicator());
  }

  @Test
  void errors() {
    byte[] data = new byte[3];
    // a public key cannot sign; AES parameters do not sign
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("x", RSA.publicKey(), null, data, null, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("x", RSA.privateKey(),
        CryptographicParameters.of(BlockCipherMode.CBC).withCryptographicAlgorithm(CryptographicAlgorithm.AES), data, null, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("x", P256.privateKey(),
        rsa(PaddingMethod.PSS, HashingAlgorithm.SHA_256), data, null, null));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> sig.sign("x", P256.privateKey(),
        CryptographicParameters.NONE.withDigitalSignatureAlgorithm(DigitalSignatureAlgorithm.DSA_WITH_SHA256), data, null, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("x", RSA.privateKey(),
        rsa(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256), null, new byte[20], null));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.sign("x", RSA.privateKey(), null, data, data, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sig.verify("x", RSA.publicKey(), null, data, null, null, null));
  }
}
