package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MAC / MAC Verify (RFC 4231, RFC 2202, RFC 4493, OASIS CS-AC-M-4/5, TC-STREAM-MAC-1), Hash, RNG. */
class MacHashRngTest {

  final Macs macs = new Macs(TestKeys.registry());
  final Hashing hashing = new Hashing(TestKeys.registry());

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "RFC 4231 {0} {1}")
  @CsvSource({
      "HMAC_SHA224, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, Hi There, 896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
      "HMAC_SHA256, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, Hi There, b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
      "HMAC_SHA384, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, Hi There, afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
      "HMAC_SHA512, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, Hi There, 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
      "HMAC_SHA224, 4a656665, what do ya want for nothing?, a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
      "HMAC_SHA256, 4a656665, what do ya want for nothing?, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      "HMAC_SHA384, 4a656665, what do ya want for nothing?, af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
      "HMAC_SHA512, 4a656665, what do ya want for nothing?, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
      "HMAC_SHA1, 4a656665, what do ya want for nothing?, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
  })
  void hmacKnownAnswers(CryptographicAlgorithm alg, String key, String data, String mac) {
    Ttlv k = TestKeys.symmetric(alg, key);
    assertEquals(mac, hex(macs.mac("k", k, null, ascii(data), null).macData()));
    assertEquals(ValidityIndicator.VALID, macs.verify("k", k, null, ascii(data), hex(mac), null).validityIndicator());
    byte[] bad = hex(mac);
    bad[3] ^= 1;
    assertEquals(ValidityIndicator.INVALID, macs.verify("k", k, null, ascii(data), bad, null).validityIndicator());
  }

  @Test
  void rfc4231TruncatedAndLongKey() {
    Ttlv k5 = TestKeys.symmetric(CryptographicAlgorithm.HMAC_SHA256, "0c".repeat(20));
    assertEquals(ValidityIndicator.VALID, macs.verify("k", k5, null, ascii("Test With Truncation"),
        hex("a3b6167473100ee06e0c796c2955552b"), null).validityIndicator());
    // too short a prefix is not accepted
    assertEquals(ValidityIndicator.INVALID, macs.verify("k", k5, null, ascii("Test With Truncation"),
        hex("a3b6167473"), null).validityIndicator());
    Ttlv k6 = TestKeys.symmetric(CryptographicAlgorithm.HMAC_SHA512, "aa".repeat(131));
    assertEquals("80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f"
        + "63f0aec8b915a985d786598", hex(macs.mac("k", k6, null, ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
        null).macData()));
  }

  @Test
  void oasisCsAcM4And5HmacParametersOnAnAesKey() {
    Ttlv key = TestKeys.aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.HMAC_SHA256);
    byte[] data = hex("01020304050607080910111213141516");
    String mac = "c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9";
    assertEquals(mac, hex(macs.mac("k", key, p, data, null).macData()));
    assertEquals(ValidityIndicator.VALID, macs.verify("k", key, p, data, hex(mac), null).validityIndicator());
  }

  @Test
  void oasisTcStreamMac1() {
    Ttlv key = TestKeys.aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.HMAC_SHA256);
    Macs.Maced a = macs.mac("k", key, p, hex("0102"), Streaming.first());
    assertNull(a.macData());
    macs.mac("k", key, p, hex("030405060708091011121314"), Streaming.next(a.correlationValue()));
    assertEquals("c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9",
        hex(macs.mac("k", key, p, hex("1516"), Streaming.last(a.correlationValue())).macData()));
    Macs.MacVerified v = macs.verify("k", key, p, hex("01020304"), hex("c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9"),
        Streaming.first());
    assertEquals(ValidityIndicator.VALID, macs.verify("k", key, p, hex("05060708091011121314151 6".replace(" ", "")), null,
        Streaming.last(v.correlationValue())).validityIndicator());
  }

  @Test
  void cmacRfc4493() {
    Ttlv key = TestKeys.aes("2b7e151628aed2a6abf7158809cf4f3c");
    CryptographicParameters cmac = CryptographicParameters.of(BlockCipherMode.CMAC);
    assertEquals("bb1d6929e95937287fa37d129b756746", hex(macs.mac("k", key, cmac, new byte[0], null).macData()));
    assertEquals("070a16b46b4d4144f79bdd9dd04a287c", hex(macs.mac("k", key, cmac, hex("6bc1bee22e409f96e93d7e117393172a"),
        null).macData()));
    // an AES key without parameters MACs with CMAC
    assertEquals("dfa66747de9ae63030ca32611497c827", hex(macs.mac("k", key, null,
        hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"), null).macData()));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> macs.mac("k", key, CryptographicParameters.of(BlockCipherMode.CBC_MAC),
        new byte[16], null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "MD5, 900150983cd24fb0d6963f7d28e17f72",
      "SHA_1, a9993e364706816aba3e25717850c26c9cd0d89d",
      "SHA_224, 23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
      "SHA_256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "SHA_384, cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
      "SHA_512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      "SHA_512_224, 4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
      "SHA_512_256, 53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
      "SHA3_224, e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
      "SHA3_256, 3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
      "SHA3_384, ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25",
      "SHA3_512, b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
  })
  void hashOfAbc(HashingAlgorithm h, String expected) {
    assertEquals(expected, hex(hashing.hash(CryptographicParameters.NONE.withHashingAlgorithm(h), ascii("abc"), null).data()));
  }

  @Test
  void oasisCsAcM7AndSha3AsCryptographicAlgorithm() {
    byte[] data = hex("01020304050607080910111213141516");
    assertEquals("ad41233d22cf9322e3a7ff49a13da434797abed3bab80950a1a0d4e582b7ea72",
        hex(hashing.hash(CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256), data, null).data()));
    assertEquals("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", hex(hashing.hash(
        CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.SHA3_256), ascii("abc"), null).data()));
    assertReason(ResultReason.INVALID_FIELD, () -> hashing.hash(CryptographicParameters.NONE, data, null));
  }

  @Test
  void oasisTcStreamHash2() {
    CryptographicParameters p = CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256);
    Hashing.Hashed a = hashing.hash(p, ascii("a"), Streaming.first());
    assertNull(a.data());
    hashing.hash(p, ascii("b"), Streaming.next(a.correlationValue()));
    hashing.hash(p, ascii("c"), Streaming.next(a.correlationValue()));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        hex(hashing.hash(p, new byte[0], Streaming.last(a.correlationValue())).data()));
  }

  @Test
  void rngRetrieveAndSeed() {
    RandomNumbers rng = new RandomNumbers(new java.security.SecureRandom());
    byte[] a = rng.retrieve(32);
    byte[] b = rng.retrieve(32);
    assertEquals(32, a.length);
    assertFalse(Arrays.equals(a, b));
    assertEquals(0, rng.retrieve(0).length);
    assertReason(ResultReason.INVALID_FIELD, () -> rng.retrieve(-1));
    assertReason(ResultReason.INVALID_FIELD, () -> rng.retrieve(RandomNumbers.MAX_RETRIEVE + 1));
    // CS-RNG-O-1: all 32 bytes accepted; a huge seed is accepted up to the limit
    assertEquals(32, rng.seed(hex("333c06587706225099a67438f263f8f932f64b860c3a7dbb21bc2bd56685d8bc")));
    assertEquals(RandomNumbers.MAX_SEED, rng.seed(new byte[RandomNumbers.MAX_SEED * 3]));
    // seeding supplements: the output does not become a function of the seed
    RandomNumbers r1 = new RandomNumbers(new java.security.SecureRandom());
    RandomNumbers r2 = new RandomNumbers(new java.security.SecureRandom());
    r1.seed(new byte[16]);
    r2.seed(new byte[16]);
    assertFalse(Arrays.equals(r1.retrieve(32), r2.retrieve(32)));
  }

  @Test
  void streamLimitsAreEnforced() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(0);
    java.time.Clock clock = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return java.time.Instant.ofEpochSecond(now.get());
      }
    };
    StreamRegistry reg = new StreamRegistry(2, java.time.Duration.ofSeconds(60), 1024, clock, TestKeys.RANDOM);
    Hashing h = new Hashing(reg);
    CryptographicParameters p = CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256);
    Hashing.Hashed a = h.hash(p, ascii("a"), Streaming.first());
    h.hash(p, ascii("b"), Streaming.first());
    KmipException full = assertThrows(KmipException.class, () -> h.hash(p, ascii("c"), Streaming.first()));
    assertEquals(ResultReason.SERVER_LIMIT_EXCEEDED, full.resultReason());
    now.addAndGet(61);
    // both expired: a is unknown now, and there is room again
    assertReason(ResultReason.INVALID_FIELD, () -> h.hash(p, ascii("x"), Streaming.next(a.correlationValue())));
    h.hash(p, ascii("c"), Streaming.first());
    assertEquals(1, reg.size());
    // Ed25519 buffers: more than the byte limit is refused
    KeyGeneration.KeyPair ed = new KeyGeneration(TestKeys.RANDOM).keyPair(CryptographicAlgorithm.ED25519, null, null);
    Signatures sig = new Signatures(TestKeys.RANDOM, reg);
    Signatures.Signed s = sig.sign("e", ed.privateKey(), null, new byte[1000], null, Streaming.first());
    KmipException big = assertThrows(KmipException.class, () -> sig.sign("e", null, null, new byte[100], null,
        Streaming.next(s.correlationValue())));
    assertEquals(ResultReason.SERVER_LIMIT_EXCEEDED, big.resultReason());
  }
}
