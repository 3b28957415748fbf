package io.keyfed.infrastructure.crypto.engine;

import static io.keyfed.infrastructure.crypto.engine.EncryptionTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.MaskGenerator;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Cryptographic Parameters and the streaming fields as TTLV; the package stays free of Jakarta. */
class ParametersAndStreamingTest {

  @Test
  void cryptographicParametersRoundTripThroughTtlv() throws Exception {
    CryptographicParameters p = CryptographicParameters.of(BlockCipherMode.GCM).withPaddingMethod(PaddingMethod.NONE)
        .withHashingAlgorithm(HashingAlgorithm.SHA_256).withRandomIv(true).withIvLength(96).withTagLength(16)
        .withInitialCounterValue(1).withSaltLength(32).withMaskGeneratorHashingAlgorithm(HashingAlgorithm.SHA_1)
        .withPSource(new byte[] {1, 2});
    Ttlv t = p.encode();
    assertEquals(Tag.CRYPTOGRAPHIC_PARAMETERS.value(), t.tag());
    Ttlv back = new TtlvReader().read(TtlvWriter.encode(t));
    assertEquals(p, CryptographicParameters.decode(back));
    assertEquals(MaskGenerator.MGF1, CryptographicParameters.decode(back).maskGenerator());
    assertArrayEquals(new byte[] {1, 2}, CryptographicParameters.decode(back).pSource());
    assertSame(CryptographicParameters.NONE, CryptographicParameters.decode(null));
    assertTrue(CryptographicParameters.decode(Ttlv.structure(Tag.CRYPTOGRAPHIC_PARAMETERS)).isEmpty());
  }

  @Test
  void orElseFillsOnlyTheMissingFields() {
    CryptographicParameters request = CryptographicParameters.of(BlockCipherMode.CBC);
    CryptographicParameters attribute = CryptographicParameters.of(BlockCipherMode.ECB)
        .withPaddingMethod(PaddingMethod.PKCS5).withRandomIv(true);
    CryptographicParameters p = request.orElse(attribute);
    assertEquals(BlockCipherMode.CBC, p.blockCipherMode());
    assertEquals(PaddingMethod.PKCS5, p.paddingMethod());
    assertEquals(Boolean.TRUE, p.randomIv());
  }

  @Test
  void wrongTypesAndUnknownValuesAreInvalidField() {
    assertReason(ResultReason.INVALID_FIELD, () -> CryptographicParameters.decode(Ttlv.structure(
        Tag.CRYPTOGRAPHIC_PARAMETERS, Ttlv.integer(Tag.BLOCK_CIPHER_MODE, 1))));
    assertReason(ResultReason.INVALID_FIELD, () -> CryptographicParameters.decode(Ttlv.structure(
        Tag.CRYPTOGRAPHIC_PARAMETERS, Ttlv.enumeration(Tag.BLOCK_CIPHER_MODE, 0x7777))));
  }

  @Test
  void streamingFieldsOfARequestPayload() {
    Streaming one = Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bytes(Tag.DATA, new byte[1])));
    assertEquals(Streaming.ONE_SHOT, one);
    assertTrue(one.ends());
    Streaming init = Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bool(Tag.INIT_INDICATOR, true)));
    assertTrue(init.opens());
    assertFalse(init.ends());
    Streaming both = Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bool(Tag.INIT_INDICATOR, true),
        Ttlv.bool(Tag.FINAL_INDICATOR, true)));
    assertTrue(both.ends());
    assertFalse(both.opens());
    Streaming last = Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bytes(Tag.CORRELATION_VALUE, new byte[] {9}),
        Ttlv.bool(Tag.FINAL_INDICATOR, true)));
    assertTrue(last.continues());
    assertTrue(last.ends());
    assertReason(ResultReason.INVALID_FIELD, () -> Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.bytes(Tag.CORRELATION_VALUE, new byte[] {9}), Ttlv.bool(Tag.INIT_INDICATOR, true))));
    assertReason(ResultReason.INVALID_FIELD, () -> Streaming.decode(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.bool(Tag.FINAL_INDICATOR, true))));
  }

  @Test
  void aOneShotInitAndFinalLeavesNoState() {
    StreamRegistry reg = TestKeys.registry();
    Hashing h = new Hashing(reg);
    Hashing.Hashed r = h.hash(CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256), new byte[0],
        new Streaming(null, true, true));
    assertEquals(32, r.data().length);
    assertNull(r.correlationValue());
    assertEquals(0, reg.size());
  }

  @Test
  void engineFacadeWiresOneRegistry() {
    CryptoEngine e = CryptoEngine.create();
    assertSame(io.keyfed.infrastructure.crypto.Random.source(), e.random());
    e.hashing().hash(CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_1), new byte[1], Streaming.first());
    assertEquals(1, e.streams().size());
  }

  @Test
  void noSourceFileOfThePackageMentionsJakarta() throws Exception {
    Path sources = Path.of("src/main/java/io/keyfed/infrastructure/crypto/engine");
    try (Stream<Path> files = Files.list(sources)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertFalse(java.isEmpty());
      for (Path f : java) {
        assertFalse(Files.readString(f).matches("(?s).*\\bjakarta\\.[a-z].*"), f.toString());
        assertFalse(Files.readString(f).contains("Security.addProvider"), f.toString());
      }
    }
  }
}
