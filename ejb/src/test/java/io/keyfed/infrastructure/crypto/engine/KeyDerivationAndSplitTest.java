package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.aes;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keyfed.infrastructure.crypto.engine.KeyGeneration.KeyPair;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.DerivationMethod;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.SplitKeyMethod;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Derive Key: the OASIS TC-DERIVEKEY-1…5 answers (HASH, HMAC, PBKDF2 = RFC 6070), RFC 5869 HKDF,
 * SP 800-108 against an independent computation, ECDH/X25519 agreement, AWS SigV4. Split keys: the
 * OASIS TC-SJ-3/4-20 parts, and split-then-join for every method.
 */
class KeyDerivationAndSplitTest {

  final KeyDerivation kd = new KeyDerivation(new Encryption(TestKeys.RANDOM, TestKeys.registry()));
  final SplitKeys sk = new SplitKeys(TestKeys.RANDOM);
  final KeyGeneration gen = new KeyGeneration(TestKeys.RANDOM);

  static Ttlv params(CryptographicParameters p, Ttlv... more) {
    List<Ttlv> c = new ArrayList<>();
    if (p != null) {
      c.add(p.encode());
    }
    c.addAll(List.of(more));
    return Ttlv.structure(Tag.DERIVATION_PARAMETERS, c);
  }

  static CryptographicParameters hash(HashingAlgorithm h) {
    return CryptographicParameters.NONE.withHashingAlgorithm(h);
  }

  static final Ttlv PASSWORD = KeyFormats.secretData(SecretDataType.SEED, "password".getBytes(StandardCharsets.US_ASCII));

  @Test
  void oasisTcDeriveKey1To5() {
    Ttlv key = aes("00112233445566778899aabbccddeeff");
    assertEquals("a8faed6abbf35c12a4b26e40f6feb19d", hex(kd.derive(DerivationMethod.HASH, List.of(key),
        params(hash(HashingAlgorithm.SHA_256)), 128)));
    assertEquals("1e15c1f1da233629f770fb0a04a5020e", hex(kd.derive(DerivationMethod.HMAC, List.of(key),
        params(hash(HashingAlgorithm.SHA_256), Ttlv.bytes(Tag.DERIVATION_DATA, hex("0102"))), 128)));
    Ttlv salt = Ttlv.bytes(Tag.SALT, "salt".getBytes(StandardCharsets.US_ASCII));
    assertEquals("0c60c80f961f0e71f3a9b524af601206", hex(kd.derive(DerivationMethod.PBKDF2, List.of(PASSWORD),
        params(null, salt, Ttlv.integer(Tag.ITERATION_COUNT, 1)), 128)));
    assertEquals("4b007901b765489abead49d926f721d065a429c1", hex(kd.derive(DerivationMethod.PBKDF2, List.of(PASSWORD),
        params(null, salt, Ttlv.integer(Tag.ITERATION_COUNT, 4096)), 160)));
    assertEquals("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a", hex(kd.derive(DerivationMethod.PBKDF2,
        List.of(PASSWORD), params(hash(HashingAlgorithm.SHA_256), salt, Ttlv.integer(Tag.ITERATION_COUNT, 4096)), 256)));
  }

  @Test
  void hkdfRfc5869Case1() {
    Ttlv ikm = KeyFormats.secretData(SecretDataType.SEED, hex("0b".repeat(22)));
    assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        hex(kd.derive(DerivationMethod.HKDF, List.of(ikm), params(null, Ttlv.bytes(Tag.DERIVATION_DATA,
            hex("f0f1f2f3f4f5f6f7f8f9")), Ttlv.bytes(Tag.SALT, hex("000102030405060708090a0b0c"))), 336)));
  }

  @Test
  void sp800_108CounterFeedbackDoublePipeline() {
    Ttlv key = TestKeys.symmetric(CryptographicAlgorithm.HMAC_SHA256, "00112233445566778899aabbccddeeff");
    Ttlv data = Ttlv.bytes(Tag.DERIVATION_DATA, "label\0context".getBytes(StandardCharsets.US_ASCII));
    assertEquals("3216f29b16d9b2b2781afef28c29d248e070dc4f842a163617b3f7c100c811bab8cc097b2dc60acbd3f526281b5f77e3",
        hex(kd.derive(DerivationMethod.NIST800_108_C, List.of(key), params(null, data), 384)));
    byte[] iv = new byte[32];
    for (int i = 0; i < 32; i++) {
      iv[i] = (byte) i;
    }
    assertEquals("cc1ec6d6330cbada1f0caacdde9f6ecf35139419bdbf488fe73f27871fe33e9b7a7985c9667ebb20339178c36badf6e5",
        hex(kd.derive(DerivationMethod.NIST800_108_F, List.of(key), params(null, data,
            Ttlv.bytes(Tag.INITIALIZATION_VECTOR, iv)), 384)));
    assertEquals("9ea2429b332d7aec4c2d79224a9fe18e4519eacc290c4bf2cfabb9e5a073d2d58405ce14e9fa1dae96f32ea0fc7b0db0",
        hex(kd.derive(DerivationMethod.NIST800_108_DPI, List.of(key), params(null, data), 384)));
    // CMAC as the PRF for an AES key
    byte[] cmac = kd.derive(DerivationMethod.NIST800_108_C, List.of(aes("00112233445566778899aabbccddeeff")),
        params(CryptographicParameters.of(BlockCipherMode.CMAC), data), 256);
    assertEquals(32, cmac.length);
  }

  @Test
  void encryptDerivation() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    assertEquals("d9bcce11b0b437b90239552df3a360c9", hex(kd.derive(DerivationMethod.ENCRYPT, List.of(key),
        params(CryptographicParameters.of(BlockCipherMode.ECB), Ttlv.bytes(Tag.DERIVATION_DATA,
            hex("01020304050607080910111213141516"))), 128)));
  }

  @Test
  void derivationDataFromASecretDataObject() {
    Ttlv key = aes("00112233445566778899aabbccddeeff");
    Ttlv data = KeyFormats.secretData(SecretDataType.SEED, hex("0102"));
    assertEquals("1e15c1f1da233629f770fb0a04a5020e", hex(kd.derive(DerivationMethod.HMAC, List.of(key, data),
        params(hash(HashingAlgorithm.SHA_256)), 128)));
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.HMAC, List.of(key, data),
        params(hash(HashingAlgorithm.SHA_256), Ttlv.bytes(Tag.DERIVATION_DATA, hex("0102"))), 128));
  }

  @Test
  void asymmetricKeyAgreement() {
    for (RecommendedCurve c : List.of(RecommendedCurve.P_256, RecommendedCurve.SECP256K1, RecommendedCurve.CURVE25519)) {
      KeyPair a = gen.keyPair(CryptographicAlgorithm.ECDH, null, c);
      KeyPair b = gen.keyPair(CryptographicAlgorithm.ECDH, null, c);
      byte[] ab = kd.derive(DerivationMethod.ASYMMETRIC_KEY, List.of(a.privateKey(), b.publicKey()), null, 256);
      byte[] ba = kd.derive(DerivationMethod.ASYMMETRIC_KEY, List.of(b.privateKey(), a.publicKey()), null, 256);
      assertArrayEquals(ab, ba, c.toString());
      assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.ASYMMETRIC_KEY,
          List.of(a.privateKey(), b.publicKey()), null, 512));
    }
  }

  @Test
  void awsSignatureVersion4() {
    Ttlv secret = KeyFormats.secretData(SecretDataType.PASSWORD,
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.US_ASCII));
    assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", hex(kd.derive(
        DerivationMethod.AWS_SIGNATURE_VERSION_4, List.of(secret), params(null,
            Ttlv.bytes(Tag.DERIVATION_DATA, "20120215".getBytes(StandardCharsets.US_ASCII)),
            Ttlv.bytes(Tag.DERIVATION_DATA, "us-east-1".getBytes(StandardCharsets.US_ASCII)),
            Ttlv.bytes(Tag.DERIVATION_DATA, "iam".getBytes(StandardCharsets.US_ASCII))), 256)));
  }

  @Test
  void derivationErrors() {
    Ttlv key = aes("00112233445566778899aabbccddeeff");
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.HASH, List.of(key),
        params(hash(HashingAlgorithm.SHA_256)), 512));
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.HASH, List.of(key), params(null), 128));
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.PBKDF2, List.of(PASSWORD), params(null), 128));
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.HMAC, List.of(key),
        params(hash(HashingAlgorithm.SHA_256)), 128));
    assertReason(ResultReason.INVALID_FIELD, () -> kd.derive(DerivationMethod.HASH, List.of(key),
        params(hash(HashingAlgorithm.SHA_256)), 100));
  }

  // ---- split keys ------------------------------------------------------------------------------

  static Ttlv part(int n, int id, int t, SplitKeyMethod m, String hexShare) {
    return Ttlv.structure(Tag.SPLIT_KEY, Ttlv.integer(Tag.SPLIT_KEY_PARTS, n), Ttlv.integer(Tag.KEY_PART_IDENTIFIER, id),
        Ttlv.integer(Tag.SPLIT_KEY_THRESHOLD, t), Ttlv.enumeration(Tag.SPLIT_KEY_METHOD, m),
        ManagedKey.keyBlock(KeyFormatType.RAW, null, ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, hex(hexShare)),
            List.of()), CryptographicAlgorithm.AES, 128, null));
  }

  @Test
  void oasisTcSj3Gf256Parts() {
    SplitKeyMethod m = SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8;
    Ttlv p1 = part(4, 1, 2, m, "66C46A7754F94DE420C7B1A7FFF5EC56");
    Ttlv p2 = part(4, 2, 2, m, "CF93D1E2A7E593CD5B8D6247F4E5D49C");
    Ttlv p3 = part(4, 3, 2, m, "A855B891F61AD9217240D8EC061E37DA");
    Ttlv p4 = part(4, 4, 2, m, "803DBAD55CDD329FAD19D99AE2C5A415");
    for (List<Ttlv> pair : List.of(List.of(p1, p3), List.of(p2, p4), List.of(p4, p1), List.of(p1, p2, p3, p4))) {
      assertEquals("0102030405060708090a0b0c0d0e0f10", hex(sk.joinBytes(pair)));
    }
    Ttlv joined = sk.join(List.of(p1, p3), ObjectType.SYMMETRIC_KEY);
    assertEquals(aes("0102030405060708090a0b0c0d0e0f10"), joined);
    // one part of a threshold of two: Cryptographic Failure (TC-SJ-3-20 step 6)
    assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, () -> sk.joinBytes(List.of(p3)));
    assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, () -> sk.joinBytes(List.of(p3, p3)));
  }

  @Test
  void oasisTcSj4XorParts() {
    SplitKeyMethod m = SplitKeyMethod.XOR;
    List<Ttlv> parts = List.of(part(4, 1, 4, m, "d4b92c299199298e30dee13b967e6dda"),
        part(4, 2, 4, m, "35ea4f615686230c7b11538693674e89"), part(4, 3, 4, m, "3478ddd2e1f89f2005011d26d9fff37c"),
        part(4, 4, 4, m, "d429bd9e23e192aa47c4a497d1e8df3f"));
    assertEquals("0102030405060708090a0b0c0d0e0f10", hex(sk.joinBytes(parts)));
    assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, () -> sk.joinBytes(parts.subList(0, 3)));
  }

  @Test
  void splitThenJoinEveryMethod() {
    Ttlv key = gen.symmetricKey(CryptographicAlgorithm.AES, 256);
    BigInteger prime = BigInteger.TWO.pow(521).subtract(BigInteger.ONE);
    Object[][] cases = {{SplitKeyMethod.XOR, 5, 5}, {SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8, 5, 3},
        {SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8, 1, 1}, {SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD, 6, 4}};
    for (Object[] c : cases) {
      SplitKeyMethod m = (SplitKeyMethod) c[0];
      int n = (Integer) c[1];
      int t = (Integer) c[2];
      List<Ttlv> parts = sk.split(key, n, t, m, m == SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD ? prime : null);
      assertEquals(n, parts.size());
      assertEquals(ObjectType.SPLIT_KEY, ManagedKey.of(parts.get(0)).objectType());
      if (t > 1) {
        assertFalse(java.util.Arrays.equals(ManagedKey.of(key).secretBytes(), ManagedKey.of(parts.get(0)).secretBytes()));
      }
      List<Ttlv> some = new ArrayList<>(parts.subList(n - t, n));
      java.util.Collections.reverse(some);
      assertEquals(key, sk.join(some, ObjectType.SYMMETRIC_KEY), m + " " + n + "/" + t);
      if (t > 1) {
        assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, () -> sk.joinBytes(some.subList(1, t)));
      }
    }
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> sk.split(key, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_16, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sk.split(key, 3, 2, SplitKeyMethod.XOR, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sk.split(key, 2, 3, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8, null));
    assertReason(ResultReason.INVALID_FIELD, () -> sk.split(key, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD,
        BigInteger.valueOf(257)));
  }

  @Test
  void splitAPrivateKey() {
    KeyPair ec = gen.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.P_256);
    List<Ttlv> parts = sk.split(ec.privateKey(), 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8, null);
    assertEquals(ec.privateKey(), sk.join(parts.subList(0, 2), ObjectType.PRIVATE_KEY));
    // a Transparent key is split in its PKCS#8 form
    Ttlv t = KeyFormats.convert(ec.privateKey(), KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY);
    Ttlv joined = sk.join(sk.split(t, 2, 2, SplitKeyMethod.XOR, null), ObjectType.PRIVATE_KEY);
    assertEquals(KeyFormatType.PKCS_8, KeyFormats.keyFormatType(joined));
    assertEquals(t, KeyFormats.convert(joined, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY));
  }
}
