package io.keyfed.kmip.ttlv;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Hex tables as the KMIP specification prints them: {@code 42 00 20 | 02 | 00 00 00 04 | ...}.
 * Spaces, bars and line breaks only separate; every other character is a hex digit.
 */
public final class Hex {

  private Hex() {}

  public static byte[] bytes(String table) {
    String digits = table.replaceAll("[\\s|]", "");
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits in: " + table);
    }
    return HexFormat.of().parseHex(digits);
  }

  /** The same bytes in the specification's layout, for readable assertion messages. */
  public static String table(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      if (i > 0) {
        sb.append(i % 8 == 0 ? " | " : " ");
      }
      sb.append(String.format("%02X", b[i]));
    }
    return sb.toString();
  }

  /** Concatenation, for building hostile inputs piece by piece. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
