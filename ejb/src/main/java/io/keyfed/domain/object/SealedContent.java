package io.keyfed.domain.object;

import java.util.HexFormat;

/**
 * The envelope of an object's sealed content: a format byte (2), the 8-byte fingerprint of the
 * master key it is sealed under, then what that key's cipher produced. The domain knows this much
 * so that the database can say, without any key, which objects still need re-sealing after a
 * master-key rotation.
 */
public final class SealedContent {

  public static final byte FORMAT = 2;
  public static final int KEY_ID_BYTES = 8;
  public static final int HEADER = 1 + KEY_ID_BYTES;

  private SealedContent() {}

  /** The master key fingerprint (16 hex digits) a sealed blob names, or null for another format. */
  public static String keyIdOf(byte[] sealed) {
    if (sealed == null || sealed.length < HEADER || sealed[0] != FORMAT) {
      return null;
    }
    return HexFormat.of().formatHex(sealed, 1, HEADER);
  }
}
