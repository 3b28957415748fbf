package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;

/** Key objects and helpers shared by the engine's tests. */
final class TestKeys {

  static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static byte[] hex(String h) {
    return Hex.decode(h.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return Hex.toHexString(b);
  }

  static Ttlv symmetric(CryptographicAlgorithm alg, String hexKey) {
    byte[] k = hex(hexKey);
    return KeyFormats.symmetricKey(alg, k.length * 8, k);
  }

  static Ttlv aes(String hexKey) {
    return symmetric(CryptographicAlgorithm.AES, hexKey);
  }

  /** A key object of the given type with Byte String key material, as a client would register it. */
  static Ttlv object(Tag objectTag, KeyFormatType fmt, CryptographicAlgorithm alg, int length, String hexMaterial) {
    Ttlv kb = ManagedKey.keyBlock(fmt, null, ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, hex(hexMaterial)),
        List.of()), alg, length, null);
    return Ttlv.structure(objectTag, kb);
  }

  static StreamRegistry registry() {
    return StreamRegistry.withDefaults(RANDOM);
  }
}
