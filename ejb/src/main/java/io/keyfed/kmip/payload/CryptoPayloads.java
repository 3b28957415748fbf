package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** Helpers of the cryptographic operations' payloads (optional Byte Strings, Cryptographic Parameters). */
final class CryptoPayloads {

  private CryptoPayloads() {}

  static byte[] optionalBytes(Ttlv parent, Tag tag) {
    Ttlv c = parent.child(tag);
    return c == null ? null : Fields.bytes(c);
  }

  static void addBytes(List<Ttlv> out, Tag tag, byte[] v) {
    if (v != null) {
      out.add(Ttlv.bytes(tag, v));
    }
  }

  /** The Cryptographic Parameters structure as it came, or null; its fields are the engine's to read. */
  static Ttlv optionalParameters(Ttlv p) {
    Ttlv c = p.child(Tag.CRYPTOGRAPHIC_PARAMETERS);
    return c == null ? null : Fields.structure(c);
  }

  static void addParameters(List<Ttlv> out, Ttlv cryptographicParameters) {
    if (cryptographicParameters != null) {
      out.add(cryptographicParameters.retag(Tag.CRYPTOGRAPHIC_PARAMETERS));
    }
  }
}
