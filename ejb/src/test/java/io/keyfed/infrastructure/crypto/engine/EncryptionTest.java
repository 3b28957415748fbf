package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.TestKeys.aes;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyfed.infrastructure.crypto.engine.Encryption.Encrypted;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Encrypt/Decrypt: NIST SP 800-38A (F.1–F.5) and SP 800-38D / McGrew–Viega GCM examples, the
 * fixed-key OASIS cases CS-BC-M-4…13, CS-BC-M-GCM-1/2 (1.4) and CS-BC-M-CHACHA20*-21, streaming
 * against one-shot, and the error reasons.
 */
class EncryptionTest {

  static final String SP800_38A_KEY = "2b7e151628aed2a6abf7158809cf4f3c";
  static final String SP800_38A_PLAIN = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
      + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

  final Encryption enc = new Encryption(TestKeys.RANDOM, TestKeys.registry());

  static CryptographicParameters mode(BlockCipherMode m) {
    return CryptographicParameters.of(m);
  }

  byte[] encrypt(Ttlv key, CryptographicParameters p, String plain, String iv) {
    return enc.encrypt("k", key, p, hex(plain), iv == null ? null : hex(iv), null, null).data();
  }

  byte[] decrypt(Ttlv key, CryptographicParameters p, String cipher, String iv) {
    return enc.decrypt("k", key, p, hex(cipher), iv == null ? null : hex(iv), null, null, null).data();
  }

  @ParameterizedTest(name = "SP 800-38A {0}")
  @CsvSource({
      "ECB, , 3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4",
      "CBC, 000102030405060708090a0b0c0d0e0f, 7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
      "CTR, f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff, 874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
      "CFB, 000102030405060708090a0b0c0d0e0f, 3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6",
      "OFB, 000102030405060708090a0b0c0d0e0f, 3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed8259740051e9c5fecf64344f7a82260edcc304c6528f659c77866a510d9c1d6ae5e",
  })
  void sp800_38a(BlockCipherMode m, String iv, String expected) {
    Ttlv key = aes(SP800_38A_KEY);
    assertEquals(expected, hex(encrypt(key, mode(m), SP800_38A_PLAIN, iv)));
    assertEquals(SP800_38A_PLAIN, hex(decrypt(key, mode(m), expected, iv)));
  }

  @Test
  void ctrWithShortNonceAndInitialCounterValue() {
    // RFC 3686 test vector #2: 32-bit nonce + 64-bit IV = 12 bytes, counter starts at 1.
    Ttlv key = aes("7e24067817fae0d743d6ce1f32539163");
    CryptographicParameters p = mode(BlockCipherMode.CTR).withInitialCounterValue(1);
    byte[] c = encrypt(key, p, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        "006cb6dbc0543b59da48d90b");
    assertEquals("5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28", hex(c));
  }

  @Test
  void oasisCsBcM4To10Ecb() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    assertEquals("d9bcce11b0b437b90239552df3a360c9",
        hex(encrypt(key, mode(BlockCipherMode.ECB), "01020304050607080910111213141516", null)));
    CryptographicParameters pkcs5 = mode(BlockCipherMode.ECB).withPaddingMethod(PaddingMethod.PKCS5);
    assertEquals("d9bcce11b0b437b90239552df3a360c90efb6bfed93b4d1ea2123ba4db075ff6",
        hex(encrypt(key, pkcs5, "01020304050607080910111213141516", null)));
    assertEquals("d9bcce11b0b437b90239552df3a360c9d9bcce11b0b437b90239552df3a360c9be261a7bd1371bb738fe004d500381d0",
        hex(encrypt(key, pkcs5, "010203040506070809101112131415160102030405060708091011121314151601", null)));
    assertEquals("010203040506070809101112131415160102030405060708091011121314151601", hex(decrypt(key, pkcs5,
        "d9bcce11b0b437b90239552df3a360c9d9bcce11b0b437b90239552df3a360c9be261a7bd1371bb738fe004d500381d0", null)));
  }

  @Test
  void oasisCsBcM10To13Cbc() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = mode(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5);
    String plain = "010203040506070809101112131415160102030405060708091011121314151601";
    assertEquals("79abc5c23868ad84d388ce61110a62742bda19d694bbcb757dd06617c0d80fb1df2e71864ad9633d7d797e30860df00d",
        hex(encrypt(key, p, plain, "01020304050607080910111213141516")));
    String c11 = "e768203ba72b6e157daaad34b1e791d8e88457dc147942f01bfaff7b28a3cdde2203d4d5a4c7928ba9e9cc78b66a6546";
    assertEquals(c11, hex(encrypt(key, p, plain, "FF020304050607080910111213141516")));
    // CS-BC-M-11: the wrong IV only garbles the first block ...
    assertEquals("fe0000000000000000000000000000000102030405060708091011121314151601",
        hex(decrypt(key, p, c11, "00000000000000000000000000000000")));
    // ... and no IV at all is Invalid Message "missing-iv".
    KmipException e = assertThrows(KmipException.class, () -> decrypt(key, p, c11, null));
    assertEquals(ResultReason.INVALID_MESSAGE, e.resultReason());
    assertEquals("missing-iv", e.getMessage());
  }

  @Test
  void oasisCsBcM13RandomIvIsGeneratedAndReturned() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = mode(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5).withRandomIv(true);
    byte[] plain = hex("010203040506070809101112131415160102030405060708091011121314151601");
    Encrypted r = enc.encrypt("k", key, p, plain, null, null, null);
    assertEquals(16, r.ivCounterNonce().length);
    assertEquals(48, r.data().length);
    assertArrayEquals(plain, enc.decrypt("k", key, p, r.data(), r.ivCounterNonce(), null, null, null).data());
    // A client-supplied IV is not returned.
    assertNull(enc.encrypt("k", key, p, plain, new byte[16], null, null).ivCounterNonce());
  }

  @Test
  void gcmSp800_38dTestCases3And4() {
    Ttlv key = aes("feffe9928665731c6d6a8f9467308308");
    CryptographicParameters p = mode(BlockCipherMode.GCM).withTagLength(16);
    String plain = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    Encrypted r = enc.encrypt("k", key, p, hex(plain), hex("cafebabefacedbaddecaf888"), null, null);
    assertEquals("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", hex(r.data()));
    assertEquals("4d5c2af327cd64a62cf35abd2ba6fab4", hex(r.authenticatedEncryptionTag()));

    String plain4 = plain.substring(0, 120);
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    Encrypted r4 = enc.encrypt("k", key, p, hex(plain4), hex("cafebabefacedbaddecaf888"), aad, null);
    assertEquals("5bc94fbc3221a5db94fae95ae7121a47", hex(r4.authenticatedEncryptionTag()));
    assertEquals(plain4, hex(enc.decrypt("k", key, p, r4.data(), hex("cafebabefacedbaddecaf888"), aad,
        r4.authenticatedEncryptionTag(), null).data()));
    // Test case 5: a 64-bit IV (CS-BC-M-GCM-2 step 4).
    Encrypted r5 = enc.encrypt("k", key, p, hex(plain4), hex("cafebabefacedbad"), aad, null);
    assertEquals("3612d2e79e3b0785561be14aaca2fccb", hex(r5.authenticatedEncryptionTag()));
  }

  @Test
  void oasisCsBcMGcm1() {
    Ttlv key = aes("00000000000000000000000000000000");
    CryptographicParameters p = mode(BlockCipherMode.GCM).withTagLength(16);
    byte[] iv = new byte[12];
    Encrypted r = enc.encrypt("k", key, p, new byte[16], iv, null, null);
    assertEquals("0388dace60b6a392f328c2b971b2fe78", hex(r.data()));
    assertEquals("ab6e47d42cec13bdf53a67b21257bddf", hex(r.authenticatedEncryptionTag()));
    byte[] c = r.data();
    assertArrayEquals(new byte[16], enc.decrypt("k", key, p, c, iv, null, r.authenticatedEncryptionTag(), null).data());
    // bad tag, bad IV, bad data: Cryptographic Failure
    assertCrypto(() -> enc.decrypt("k", key, p, c, iv, null, hex("006e47d42cec13bdf53a67b21257bddf"), null));
    assertCrypto(() -> enc.decrypt("k", key, p, c, hex("ff0000000000000000000000"), null,
        r.authenticatedEncryptionTag(), null));
    assertCrypto(() -> enc.decrypt("k", key, p, hex("ff88dace60b6a392f328c2b971b2fe78"), iv, null,
        r.authenticatedEncryptionTag(), null));
    // a 12-byte tag is the first 12 bytes of the 16-byte one
    CryptographicParameters p12 = mode(BlockCipherMode.GCM).withTagLength(12);
    assertArrayEquals(new byte[16], enc.decrypt("k", key, p12, c, iv, null, hex("ab6e47d42cec13bdf53a67b2"), null).data());
    // Tag Length 1 and 32: General Failure, as the test case expects
    for (int t : new int[] {1, 32}) {
      KmipException e = assertThrows(KmipException.class, () -> enc.encrypt("k", key,
          mode(BlockCipherMode.GCM).withTagLength(t), new byte[16], iv, null, null));
      assertEquals(ResultReason.GENERAL_FAILURE, e.resultReason());
    }
  }

  @Test
  void oasisCsBcMGcm2EmptyPlaintextAnd192BitKey() {
    CryptographicParameters p = mode(BlockCipherMode.GCM).withTagLength(16);
    Encrypted r = enc.encrypt("k", aes("00000000000000000000000000000000"), p, new byte[0], new byte[12], new byte[0], null);
    assertEquals(0, r.data().length);
    assertEquals("58e2fccefa7e3061367f1d57a4e7455a", hex(r.authenticatedEncryptionTag()));
    Encrypted r192 = enc.encrypt("k", aes("000000000000000000000000000000000000000000000000"), p, new byte[0],
        new byte[12], null, null);
    assertEquals("cd33b28ac773f74ba00ed1f312572435", hex(r192.authenticatedEncryptionTag()));
  }

  @Test
  void oasisChaCha20() {
    Ttlv zero = TestKeys.symmetric(CryptographicAlgorithm.CHACHA20, "00".repeat(32));
    assertEquals("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
        + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586",
        hex(encrypt(zero, CryptographicParameters.NONE, "00".repeat(64), "0000000000000000")));
    Ttlv one = TestKeys.symmetric(CryptographicAlgorithm.CHACHA20, "00".repeat(31) + "01");
    assertEquals("4540f05a9f1fb296d7736e7b208e3c96eb4fe1834688d2604f450952ed432d41"
        + "bbe2a0b6ea7566d2a5d1e7e20d42af2c53d792b1c43fea817e9ad275ae546963",
        hex(encrypt(one, CryptographicParameters.NONE, "00".repeat(64), "0000000000000000")));
    String c3 = "de9cba7bf3d69ef5e786dc63973f653a0b49e015adbff7134fcb7df137821031"
        + "e85a050278a7084527214f73efc7fa5b5277062eb7a0433e445f41e3";
    assertEquals(c3, hex(encrypt(zero, CryptographicParameters.NONE, "00".repeat(60), "0000000000000001")));
    assertEquals("00".repeat(60), hex(decrypt(zero, CryptographicParameters.NONE, c3, "0000000000000001")));
  }

  @Test
  void oasisChaCha20Poly1305Rfc8439() {
    Ttlv key = TestKeys.symmetric(CryptographicAlgorithm.CHACHA20POLY1305,
        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    CryptographicParameters p = mode(BlockCipherMode.AEAD).withTagLength(16);
    byte[] plain = hex("4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a"
        + "204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073"
        + "756e73637265656e20776f756c642062652069742e");
    byte[] nonce = hex("070000004041424344454647");
    byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
    Encrypted r = enc.encrypt("k", key, p, plain, nonce, aad, null);
    String cipher = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
        + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def0"
        + "8e4b7a9de576d26586cec64b6116";
    assertEquals(cipher, hex(r.data()));
    assertEquals("1ae10b594f09e26a7e902ecbd0600691", hex(r.authenticatedEncryptionTag()));
    assertArrayEquals(plain, enc.decrypt("k", key, p, hex(cipher), nonce, aad, r.authenticatedEncryptionTag(), null).data());
    assertCrypto(() -> enc.decrypt("k", key, p, hex(cipher), nonce, aad, hex("ffe10b594f09e26a7e902ecbd0600691"), null));
    assertCrypto(() -> enc.decrypt("k", key, p, hex(cipher), hex("ff0000004041424344454647"), aad,
        r.authenticatedEncryptionTag(), null));
    CryptographicParameters p12 = mode(BlockCipherMode.AEAD).withTagLength(12);
    assertArrayEquals(plain, enc.decrypt("k", key, p12, hex(cipher), nonce, aad, hex("1ae10b594f09e26a7e902ecb"),
        null).data());
    KmipException e = assertThrows(KmipException.class, () -> enc.encrypt("k", key,
        mode(BlockCipherMode.AEAD).withTagLength(32), plain, nonce, aad, null));
    assertEquals(ResultReason.GENERAL_FAILURE, e.resultReason());
  }

  @Test
  void tripleDesKnownAnswer() {
    // "The quick brown fox" with the NIST SP 800-67 example key (values from an independent implementation).
    Ttlv key = TestKeys.symmetric(CryptographicAlgorithm.DES3, "0123456789abcdef23456789abcdef01456789abcdef0123");
    assertEquals("a826fd8ce53b855f", hex(encrypt(key, mode(BlockCipherMode.ECB), "5468652071756663", null)));
    CryptographicParameters p = mode(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5);
    byte[] plain = "The quick brown fox jumps".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] c = enc.encrypt("k", key, p, plain, hex("0001020304050607"), null, null).data();
    assertEquals("29b01b011b9ebb6f10308a42938279068782e8bec97fe03fb143422b360e22fd", hex(c));
    assertArrayEquals(plain, enc.decrypt("k", key, p, c, hex("0001020304050607"), null, null, null).data());
  }

  @Test
  void badPaddingIsCryptographicFailure() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = mode(BlockCipherMode.ECB).withPaddingMethod(PaddingMethod.PKCS5);
    assertCrypto(() -> decrypt(key, p, "d9bcce11b0b437b90239552df3a360c9", null));
  }

  @Test
  void parametersThatDoNotFitAreInvalidField() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    assertReason(ResultReason.INVALID_FIELD, () -> encrypt(key, CryptographicParameters.NONE, "00", null));
    assertReason(ResultReason.INVALID_FIELD, () -> encrypt(key, mode(BlockCipherMode.ECB), "0001", null));
    assertReason(ResultReason.INVALID_FIELD, () -> encrypt(key, mode(BlockCipherMode.CBC), "00".repeat(16), "0001"));
    assertReason(ResultReason.INVALID_FIELD, () -> encrypt(key,
        mode(BlockCipherMode.CBC).withCryptographicAlgorithm(CryptographicAlgorithm.DES3), "00".repeat(16), null));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> encrypt(key, mode(BlockCipherMode.XTS), "00".repeat(16), null));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> encrypt(key, mode(BlockCipherMode.CCM), "00".repeat(16), null));
  }

  @Test
  void aesKeyWrapAsEncryptMode() {
    // RFC 3394 §4.1 and RFC 5649 §6 (192-bit KEK, 20-byte key).
    Ttlv kek = aes("000102030405060708090a0b0c0d0e0f");
    assertEquals("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        hex(encrypt(kek, mode(BlockCipherMode.NISTKEYWRAP), "00112233445566778899aabbccddeeff", null)));
    Ttlv kek5649 = aes("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8");
    assertEquals("138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a",
        hex(encrypt(kek5649, mode(BlockCipherMode.AESKEYWRAPPADDING), "c37b7e6492584340bed12207808941155068f738", null)));
    assertEquals("466f7250617369", hex(decrypt(kek5649, mode(BlockCipherMode.AESKEYWRAPPADDING),
        "afbeb0f07dfbf5419200f2ccb50bb24f", null)));
    assertCrypto(() -> decrypt(kek, mode(BlockCipherMode.NISTKEYWRAP), "0fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", null));
  }

  // ---- streaming --------------------------------------------------------------------------

  @Test
  void oasisTcStreamEncDec1() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    CryptographicParameters p = mode(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5);
    byte[] iv = hex("01020304050607080910111213141516");
    Encrypted a = enc.encrypt("k", key, p, hex("0102030405060708"), iv, null, Streaming.first());
    assertEquals(0, a.data().length);
    assertNotNull(a.correlationValue());
    Encrypted b = enc.encrypt("k", null, null, hex("0910111213141516"), null, null, Streaming.next(a.correlationValue()));
    assertEquals("79abc5c23868ad84d388ce61110a6274", hex(b.data()));
    assertArrayEquals(a.correlationValue(), b.correlationValue());
    Encrypted c = enc.encrypt("k", null, null, hex("0102030405060708091011121314151601"), null, null,
        Streaming.last(a.correlationValue()));
    assertEquals("2bda19d694bbcb757dd06617c0d80fb1df2e71864ad9633d7d797e30860df00d", hex(c.data()));
    assertNull(c.correlationValue());

    Encryption.Decrypted d1 = enc.decrypt("k", key, p, hex("79abc5c23868ad84d388ce61110a6274"), iv, null, null,
        Streaming.first());
    assertEquals(0, d1.data().length);
    Encryption.Decrypted d2 = enc.decrypt("k", null, null, hex("2bda19d694bbcb757dd06617c0d80fb1"), null, null, null,
        Streaming.next(d1.correlationValue()));
    assertEquals("01020304050607080910111213141516", hex(d2.data()));
    Encryption.Decrypted d3 = enc.decrypt("k", null, null, hex("df2e71864ad9633d7d797e30860df00d"), null, null, null,
        Streaming.last(d1.correlationValue()));
    assertEquals("0102030405060708091011121314151601", hex(d3.data()));
    // finished: the Correlation Value is gone
    assertReason(ResultReason.INVALID_FIELD, () -> enc.decrypt("k", null, null, new byte[0], null, null, null,
        Streaming.last(d1.correlationValue())));
  }

  @Test
  void oasisCsBcMGcm3StreamedGcm() {
    Ttlv key = aes("feffe9928665731c6d6a8f9467308308");
    CryptographicParameters p = mode(BlockCipherMode.GCM).withTagLength(16);
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    Encrypted a = enc.encrypt("k", key, p, hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"),
        hex("cafebabefacedbad"), aad, Streaming.first());
    assertEquals("61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423", hex(a.data()));
    Encrypted b = enc.encrypt("k", key, p, hex("1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"), null,
        null, Streaming.last(a.correlationValue()));
    assertEquals("73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598", hex(b.data()));
    assertEquals("3612d2e79e3b0785561be14aaca2fccb", hex(b.authenticatedEncryptionTag()));
  }

  /** Every mode, split at every awkward place, gives what one-shot gives. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "AES, ECB, NONE", "AES, ECB, PKCS5", "AES, CBC, PKCS5", "AES, CBC, ANSI_X9_23", "AES, CBC, NONE",
      "AES, CTR, NONE", "AES, CFB, NONE", "AES, OFB, NONE", "AES, GCM, NONE", "AES, NISTKEYWRAP, NONE",
      "AES, AESKEYWRAPPADDING, NONE", "DES3, CBC, PKCS5", "DES3, CTR, NONE", "CHACHA20, , NONE",
      "CHACHA20POLY1305, AEAD, NONE",
  })
  void streamingEqualsOneShot(CryptographicAlgorithm alg, BlockCipherMode m, PaddingMethod pad) {
    Ttlv key = alg == CryptographicAlgorithm.DES3 ? TestKeys.symmetric(alg, "0123456789abcdef23456789abcdef01456789abcdef0123")
        : TestKeys.symmetric(alg, alg == CryptographicAlgorithm.AES ? "00112233445566778899aabbccddeeff" : "11".repeat(32));
    CryptographicParameters p = CryptographicParameters.NONE.withBlockCipherMode(m).withPaddingMethod(pad);
    int len = pad == PaddingMethod.NONE && (m == BlockCipherMode.ECB || m == BlockCipherMode.CBC) ? 64 : 67;
    if (m == BlockCipherMode.NISTKEYWRAP) {
      len = 40;
    }
    byte[] plain = new byte[len];
    TestKeys.RANDOM.nextBytes(plain);
    byte[] aad = m == BlockCipherMode.GCM || m == BlockCipherMode.AEAD ? hex("0102") : null;
    Encrypted once = enc.encrypt("k", key, p, plain, null, aad, null);
    byte[] iv = once.ivCounterNonce();

    int[] cuts = {0, 1, 15, 16, 17, 33, len};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encrypted first = enc.encrypt("k", key, p, Arrays.copyOfRange(plain, 0, 1), iv, aad, Streaming.first());
    out.writeBytes(first.data());
    byte[] tag = null;
    for (int i = 1; i < cuts.length; i++) {
      int from = Math.max(1, cuts[i - 1]);
      int to = Math.max(from, cuts[i]);
      boolean last = i == cuts.length - 1;
      Encrypted r = enc.encrypt("k", key, p, Arrays.copyOfRange(plain, from, to), null, null,
          last ? Streaming.last(first.correlationValue()) : Streaming.next(first.correlationValue()));
      out.writeBytes(r.data());
      tag = r.authenticatedEncryptionTag();
    }
    assertArrayEquals(once.data(), out.toByteArray());
    assertArrayEquals(once.authenticatedEncryptionTag(), tag);

    byte[] c = once.data();
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    Encryption.Decrypted d = enc.decrypt("k", key, p, Arrays.copyOfRange(c, 0, 5), iv, aad, null, Streaming.first());
    back.writeBytes(d.data());
    back.writeBytes(enc.decrypt("k", key, p, Arrays.copyOfRange(c, 5, 20), null, null, null,
        Streaming.next(d.correlationValue())).data());
    back.writeBytes(enc.decrypt("k", key, p, Arrays.copyOfRange(c, 20, c.length), null, null,
        once.authenticatedEncryptionTag(), Streaming.last(d.correlationValue())).data());
    assertArrayEquals(plain, back.toByteArray());
  }

  @Test
  void aStreamIsBoundToItsOperationAndKey() {
    Ttlv key = aes("0123456789abcdef0123456789abcdef");
    Encrypted a = enc.encrypt("k", key, mode(BlockCipherMode.CTR), new byte[3], null, null, Streaming.first());
    assertReason(ResultReason.INVALID_FIELD, () -> enc.encrypt("other", key, null, new byte[3], null, null,
        Streaming.next(a.correlationValue())));
    assertReason(ResultReason.INVALID_FIELD, () -> enc.decrypt("k", key, null, new byte[3], null, null, null,
        Streaming.next(a.correlationValue())));
    // still usable by its owner
    assertEquals(3, enc.encrypt("k", key, null, new byte[3], null, null, Streaming.last(a.correlationValue())).data().length);
  }

  static void assertCrypto(org.junit.jupiter.api.function.Executable e) {
    assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, e);
  }

  static void assertReason(ResultReason r, org.junit.jupiter.api.function.Executable e) {
    KmipException x = assertThrows(KmipException.class, e);
    assertEquals(r, x.resultReason(), x.getMessage());
  }
}
