package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.infrastructure.crypto.engine.KeyGeneration.KeyPair;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.DESedeParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key generation: every algorithm and length the engine offers, and the ones it refuses. */
class KeyGenerationTest {

  final KeyGeneration gen = new KeyGeneration(TestKeys.RANDOM);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"AES, 128, 16", "AES, 192, 24", "AES, 256, 32", "DES3, 112, 16", "DES3, 168, 24", "DES3, 192, 24",
      "HMAC_SHA256, 8, 1", "HMAC_SHA256, 256, 32", "HMAC_SHA512, 1024, 128", "HMAC_SHA1, 160, 20",
      "HMAC_SHA3_256, 264, 33", "CHACHA20, 256, 32", "CHACHA20POLY1305, 256, 32"})
  void symmetricKeys(CryptographicAlgorithm alg, int bits, int bytes) {
    Ttlv k = gen.symmetricKey(alg, bits);
    ManagedKey m = ManagedKey.of(k);
    assertEquals(ObjectType.SYMMETRIC_KEY, m.objectType());
    assertEquals(KeyFormatType.RAW, m.keyFormatType());
    assertEquals(alg, m.algorithm());
    assertEquals(bits, m.length());
    byte[] b = m.secretBytes();
    assertEquals(bytes, b.length);
    assertNotEquals(new BigInteger(1, b), new BigInteger(1, ManagedKey.of(gen.symmetricKey(alg, bits)).secretBytes()));
    if (alg == CryptographicAlgorithm.DES3) {
      for (byte x : b) {
        assertEquals(1, Integer.bitCount(x & 0xFF) % 2, "odd parity");
      }
      assertTrue(DESedeParameters.isRealEDEKey(b, 0));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"AES, 64", "AES, 255", "DES3, 64", "HMAC_SHA256, 12", "HMAC_SHA256, 0", "CHACHA20, 128"})
  void badLengthsAreInvalidField(CryptographicAlgorithm alg, int bits) {
    assertReason(ResultReason.INVALID_FIELD, () -> gen.symmetricKey(alg, bits));
  }

  @Test
  void unsupportedAlgorithms() {
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> gen.symmetricKey(CryptographicAlgorithm.RC4, 128));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> gen.keyPair(CryptographicAlgorithm.DSA, 2048, null));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> gen.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.CURVE448));
    assertReason(ResultReason.INVALID_FIELD, () -> gen.keyPair(CryptographicAlgorithm.RSA, 512, null));
    assertReason(ResultReason.INVALID_FIELD, () -> gen.keyPair(CryptographicAlgorithm.RSA, null, null));
    assertReason(ResultReason.INVALID_FIELD, () -> gen.keyPair(CryptographicAlgorithm.EC, 384, RecommendedCurve.P_256));
    assertReason(ResultReason.INVALID_FIELD, () -> gen.keyPair(CryptographicAlgorithm.EC, null, null));
  }

  @ParameterizedTest(name = "RSA {0}")
  @CsvSource({"2048", "3072", "4096"})
  void rsa(int bits) {
    KeyPair kp = gen.keyPair(CryptographicAlgorithm.RSA, bits, null);
    ManagedKey priv = ManagedKey.of(kp.privateKey());
    ManagedKey pub = ManagedKey.of(kp.publicKey());
    assertEquals(KeyFormatType.PKCS_1, priv.keyFormatType());
    assertEquals(KeyFormatType.PKCS_1, pub.keyFormatType());
    assertEquals(bits, priv.length());
    DecodedKey.RsaPrivate r = assertInstanceOf(DecodedKey.RsaPrivate.class, priv.decode());
    assertEquals(bits, r.key().getModulus().bitLength());
    assertEquals(BigInteger.valueOf(65537), r.crt().getPublicExponent());
    assertEquals(r.publicKey().key().getModulus(), ((DecodedKey.RsaPublic) pub.decode()).key().getModulus());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"P_256, 256", "P_384, 384", "P_521, 521", "SECP256K1, 256"})
  void ec(RecommendedCurve c, int bits) {
    KeyPair kp = gen.keyPair(CryptographicAlgorithm.ECDSA, null, c);
    ManagedKey priv = ManagedKey.of(kp.privateKey());
    assertEquals(KeyFormatType.ECPRIVATEKEY, priv.keyFormatType());
    assertEquals(KeyFormatType.X_509, ManagedKey.of(kp.publicKey()).keyFormatType());
    assertEquals(CryptographicAlgorithm.ECDSA, priv.algorithm());
    assertEquals(bits, priv.length());
    assertEquals(c, ((DecodedKey.EcPrivate) priv.decode()).curve());
    assertEquals(c, ((DecodedKey.EcPublic) ManagedKey.of(kp.publicKey()).decode()).curve());
  }

  @Test
  void ecByLengthAlone() {
    assertEquals(RecommendedCurve.P_384, ((DecodedKey.EcPrivate) ManagedKey.of(
        gen.keyPair(CryptographicAlgorithm.EC, 384, null).privateKey()).decode()).curve());
  }

  @Test
  void ed25519AndX25519() {
    KeyPair ed = gen.keyPair(CryptographicAlgorithm.ED25519, null, null);
    assertEquals(KeyFormatType.PKCS_8, ManagedKey.of(ed.privateKey()).keyFormatType());
    assertInstanceOf(DecodedKey.Ed25519Public.class, ManagedKey.of(ed.publicKey()).decode());
    KeyPair x = gen.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.CURVE25519);
    assertInstanceOf(DecodedKey.X25519Private.class, ManagedKey.of(x.privateKey()).decode());
    assertEquals(CryptographicAlgorithm.ECDH, ManagedKey.of(x.publicKey()).algorithm());
  }

  @Test
  void secretData() {
    Ttlv sd = gen.secretData(SecretDataType.SEED, 256);
    assertEquals(32, ManagedKey.of(sd).secretBytes().length);
    assertEquals(KeyFormatType.OPAQUE, KeyFormats.keyFormatType(sd));
    assertReason(ResultReason.INVALID_FIELD, () -> gen.secretData(SecretDataType.SEED, 7));
  }
}
