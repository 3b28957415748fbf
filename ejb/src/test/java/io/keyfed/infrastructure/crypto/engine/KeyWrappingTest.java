package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.aes;
import static io.keyfed.infrastructure.crypto.engine.TestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.infrastructure.crypto.engine.KeyGeneration.KeyPair;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.EncodingOption;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.WrappingMethod;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key wrapping: the RFC 3394 example in the OASIS TC-WRAP-1/2 form, TTLV and No Encoding, AES-KW,
 * AES-KWP, AES-GCM and RSA-OAEP round trips for every kind of key, attributes wrapped with the key.
 */
class KeyWrappingTest {

  final Encryption enc = new Encryption(TestKeys.RANDOM, TestKeys.registry());
  final KeyWrapping kw = new KeyWrapping(enc);
  final KeyGeneration gen = new KeyGeneration(TestKeys.RANDOM);

  static Ttlv spec(String uid, CryptographicParameters p, EncodingOption encoding) {
    List<Ttlv> eki = new ArrayList<>(List.of(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid)));
    if (p != null) {
      eki.add(p.encode());
    }
    List<Ttlv> c = new ArrayList<>(List.of(Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
        Ttlv.structure(Tag.ENCRYPTION_KEY_INFORMATION, eki)));
    if (encoding != null) {
      c.add(Ttlv.enumeration(Tag.ENCODING_OPTION, encoding));
    }
    return Ttlv.structure(Tag.KEY_WRAPPING_SPECIFICATION, c);
  }

  @Test
  void oasisTcWrap1And2NistKeyWrapNoEncoding() {
    Ttlv kek = aes("000102030405060708090a0b0c0d0e0f");
    Ttlv dek = aes("00112233445566778899aabbccddeeff");
    CryptographicParameters kwp = CryptographicParameters.of(BlockCipherMode.NISTKEYWRAP);
    Ttlv wrapped = kw.wrap(dek, spec("kek-1", kwp, EncodingOption.NO_ENCODING), kek, null, List.of());
    Ttlv kb = wrapped.child(Tag.KEY_BLOCK);
    assertEquals(ItemType.BYTE_STRING, kb.child(Tag.KEY_VALUE).type());
    assertEquals("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", hex(kb.child(Tag.KEY_VALUE).asBytes()));
    Ttlv kwd = kb.child(Tag.KEY_WRAPPING_DATA);
    assertEquals(Ttlv.structure(Tag.KEY_WRAPPING_DATA, Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
        Ttlv.structure(Tag.ENCRYPTION_KEY_INFORMATION, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "kek-1"), kwp.encode()),
        Ttlv.enumeration(Tag.ENCODING_OPTION, EncodingOption.NO_ENCODING)), kwd);
    assertEquals("kek-1", KeyWrapping.encryptionKeyIdentifier(wrapped));
    assertTrue(KeyWrapping.isWrapped(wrapped));
    assertEquals(dek, kw.unwrap(wrapped, kek, null));

    // TC-WRAP-1 registers the wrapped key with a Key Value structure holding the wrapped bytes; TC-WRAP-2 gets it unwrapped
    Ttlv registered = Ttlv.structure(Tag.SYMMETRIC_KEY, ManagedKey.keyBlock(KeyFormatType.RAW, null,
        ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, hex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")), List.of()),
        CryptographicAlgorithm.AES, 128, kwd));
    assertTrue(KeyWrapping.isWrapped(registered));
    assertEquals(dek, kw.unwrap(registered, kek, null));
    // the wrong KEK: Cryptographic Failure
    assertReason(ResultReason.CRYPTOGRAPHIC_FAILURE, () -> kw.unwrap(registered, aes("00".repeat(16)), null));
  }

  @Test
  void ttlvEncodingCarriesTheAttributes() {
    Ttlv kek = aes("000102030405060708090a0b0c0d0e0f");
    Ttlv dek = gen.symmetricKey(CryptographicAlgorithm.AES, 256);
    Ttlv mask = Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
        Ttlv.integer(Tag.ATTRIBUTE_VALUE, 12));
    Ttlv wrapped = kw.wrap(dek, spec("kek", CryptographicParameters.of(BlockCipherMode.NISTKEYWRAP), null), kek, null,
        List.of(mask));
    assertNull(wrapped.child(Tag.KEY_BLOCK).child(Tag.KEY_WRAPPING_DATA).child(Tag.ENCODING_OPTION));
    Ttlv back = kw.unwrap(wrapped, kek, null);
    assertEquals(mask, back.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.ATTRIBUTE));
    assertArrayEquals(ManagedKey.of(dek).secretBytes(), ManagedKey.of(back).secretBytes());
    // No Encoding cannot carry them
    assertReason(ResultReason.ENCODING_OPTION_ERROR, () -> kw.wrap(dek, spec("kek",
        CryptographicParameters.of(BlockCipherMode.NISTKEYWRAP), EncodingOption.NO_ENCODING), kek, null, List.of(mask)));
  }

  @Test
  void everyKindOfKeyUnderEveryWrappingScheme() {
    KeyPair rsa = gen.keyPair(CryptographicAlgorithm.RSA, 2048, null);
    KeyPair ec = gen.keyPair(CryptographicAlgorithm.EC, null, RecommendedCurve.P_256);
    KeyPair ed = gen.keyPair(CryptographicAlgorithm.ED25519, null, null);
    List<Ttlv> keys = List.of(gen.symmetricKey(CryptographicAlgorithm.AES, 128), gen.symmetricKey(CryptographicAlgorithm.DES3, 168),
        gen.symmetricKey(CryptographicAlgorithm.HMAC_SHA256, 168), rsa.privateKey(),
        KeyFormats.convert(rsa.privateKey(), KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY), ec.privateKey(),
        KeyFormats.convert(ec.privateKey(), KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY), ed.privateKey(),
        KeyFormats.secretData(io.keyfed.kmip.spec.SecretDataType.PASSWORD, "secret!".getBytes()));
    Ttlv aesKek = gen.symmetricKey(CryptographicAlgorithm.AES, 256);
    KeyPair rsaKek = gen.keyPair(CryptographicAlgorithm.RSA, 3072, null);
    Object[][] schemes = {
        {aesKek, aesKek, CryptographicParameters.of(BlockCipherMode.NISTKEYWRAP)},
        {aesKek, aesKek, CryptographicParameters.of(BlockCipherMode.AESKEYWRAPPADDING)},
        {aesKek, aesKek, CryptographicParameters.of(BlockCipherMode.GCM).withTagLength(16)},
        {aesKek, aesKek, CryptographicParameters.of(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5)},
        {aesKek, aesKek, null},
        {rsaKek.publicKey(), rsaKek.privateKey(), CryptographicParameters.NONE.withPaddingMethod(PaddingMethod.OAEP)
            .withHashingAlgorithm(HashingAlgorithm.SHA_256)},
        {rsaKek.publicKey(), rsaKek.privateKey(), null},
    };
    for (Object[] s : schemes) {
      CryptographicParameters p = (CryptographicParameters) s[2];
      for (Ttlv key : keys) {
        boolean rsaKey = s[0] != aesKek;
        boolean bigKey = ManagedKey.of(key).objectType() == io.keyfed.kmip.spec.ObjectType.PRIVATE_KEY
            && ManagedKey.of(key).algorithm() == CryptographicAlgorithm.RSA;
        if (rsaKey && bigKey) {
          continue; // an RSA private key does not fit in one RSA-OAEP block
        }
        for (EncodingOption e : new EncodingOption[] {null, EncodingOption.NO_ENCODING}) {
          if (e == EncodingOption.NO_ENCODING && ManagedKey.of(key).keyMaterial().isStructure()) {
            continue;
          }
          if (e == EncodingOption.NO_ENCODING && p != null && p.blockCipherMode() == BlockCipherMode.NISTKEYWRAP
              && ManagedKey.of(key).keyMaterial().asBytes().length % 8 != 0) {
            continue; // RFC 3394 wraps whole 8-byte blocks only
          }
          Ttlv w = kw.wrap(key, spec("kek", p, e), (Ttlv) s[0], null, List.of());
          Ttlv kwd = w.child(Tag.KEY_BLOCK).child(Tag.KEY_WRAPPING_DATA);
          assertNotNull(kwd.child(Tag.ENCRYPTION_KEY_INFORMATION).child(Tag.CRYPTOGRAPHIC_PARAMETERS),
              "the parameters used are recorded");
          assertFalse(w.equals(key));
          assertEquals(key, kw.unwrap(w, (Ttlv) s[1], null), p + " " + e + " " + key);
        }
      }
    }
  }

  @Test
  void unsupportedAndMisused() {
    Ttlv kek = aes("000102030405060708090a0b0c0d0e0f");
    Ttlv dek = aes("00112233445566778899aabbccddeeff");
    Ttlv macSign = Ttlv.structure(Tag.KEY_WRAPPING_SPECIFICATION, Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.MAC_SIGN),
        Ttlv.structure(Tag.MAC_SIGNATURE_KEY_INFORMATION, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "k")));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> kw.wrap(dek, macSign, kek, null, List.of()));
    assertReason(ResultReason.INVALID_FIELD, () -> kw.unwrap(dek, kek, null));
    Ttlv wrapped = kw.wrap(dek, spec("kek", null, null), kek, null, List.of());
    // a wrapped key is neither usable nor convertible
    assertReason(ResultReason.INVALID_FIELD, () -> enc.encrypt("x", wrapped, CryptographicParameters.of(BlockCipherMode.ECB),
        new byte[16], null, null, null));
    assertReason(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, () -> KeyFormats.convert(wrapped,
        KeyFormatType.TRANSPARENT_SYMMETRIC_KEY));
    assertEquals(wrapped, KeyFormats.convert(wrapped, KeyFormatType.RAW));
  }
}
