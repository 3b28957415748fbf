package io.keyfed.e2e.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leak scan finds a secret in each form a log could show it, and nothing else. */
class KeyMaterialLeakScanTest {

  private static final Random RANDOM = new Random(7);

  private static byte[] secret(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] log(String before, byte[] middle, String after) {
    byte[] a = before.getBytes(StandardCharsets.ISO_8859_1);
    byte[] c = after.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(middle, 0, out, a.length, middle.length);
    System.arraycopy(c, 0, out, a.length + middle.length, c.length);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void findsASecretRawInHexAndInBase64AtAnyAlignment() {
    byte[] key = secret(32);
    KeyMaterialLeakScan scan = new KeyMaterialLeakScan().add(key, "k");
    assertEquals(1, scan.findIn(log("INFO got ", key, " done")).size());
    assertTrue(scan.findIn(log("x=", ascii(HexFormat.of().formatHex(key)), "")).get(0).contains("hex"));
    assertTrue(scan.findIn(log("x=", ascii(HexFormat.of().withUpperCase().formatHex(key)), "\n")).get(0).contains("HEX"));
    for (int prefix = 0; prefix < 3; prefix++) {
      // The key inside a longer blob: its Base64 form depends on where it starts.
      byte[] blob = new byte[prefix + key.length + 5];
      System.arraycopy(key, 0, blob, prefix, key.length);
      String b64 = Base64.getEncoder().encodeToString(blob);
      assertTrue(scan.findIn(log("blob ", ascii(b64), " end")).stream().anyMatch(f -> f.contains("Base64")), "prefix " + prefix);
    }
  }

  @Test
  void findsNothingInACleanLogAndIgnoresShortValues() {
    KeyMaterialLeakScan scan = new KeyMaterialLeakScan().add(secret(32), "k").add(secret(8), "short");
    assertEquals(1, scan.secrets());
    byte[] noise = secret(200_000);
    assertEquals(List.of(), scan.findIn(noise));
    assertEquals(List.of(), scan.findIn(new byte[3]));
  }

  @Test
  void takesTheSecretPartsOfSecretObjectsOnly() {
    byte[] sym = secret(32);
    byte[] modulus = secret(256);
    byte[] dBytes = secret(64);
    dBytes[0] |= 0x10; // no leading zero nibble: its hex is exactly the bytes' hex
    BigInteger d = new BigInteger(1, dBytes);
    Ttlv symmetric = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, sym))));
    Ttlv privateKey = Ttlv.structure(Tag.PRIVATE_KEY, Ttlv.structure(Tag.KEY_BLOCK, Ttlv.structure(Tag.KEY_VALUE,
        Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bigInteger(Tag.MODULUS, new BigInteger(1, modulus)),
            Ttlv.bigInteger(Tag.PRIVATE_EXPONENT, d)))));
    byte[] publicBytes = secret(32);
    Ttlv publicKey = Ttlv.structure(Tag.PUBLIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, publicBytes))));
    KeyMaterialLeakScan scan = new KeyMaterialLeakScan().addObject("s", symmetric).addObject("p", privateKey)
        .addObject("pub", publicKey);
    assertEquals(2, scan.secrets());
    String found = scan.findIn(log("", sym, "")).get(0);
    assertTrue(found.startsWith("object s ") && found.contains(" raw at offset 0"), found);
    assertEquals(1, scan.findIn(log("d=", ascii(d.toString(16)), "")).size(), "the private exponent, hex");
    assertEquals(List.of(), scan.findIn(log("n=", ascii(HexFormat.of().formatHex(modulus)), "")), "a modulus is public");
    assertEquals(List.of(), scan.findIn(log("", publicBytes, "")), "a public key is public");
  }
}
