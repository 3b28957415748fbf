package io.keyfed.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sealing under the master key (AES-256-GCM, the Unique Identifier as associated data): what goes
 * in comes out, only under its own identifier and key, and any change to the sealed bytes is
 * detected.
 */
class MasterKeySealerTest {

  private static final byte[] MASTER = key(0x5A);
  private static final byte[] SECRET = "0123456789abcdef-this-is-key-material-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MasterKeySealer sealer = MasterKeySealer.withKey(MASTER);

  @Test
  void whatIsSealedUnsealsUnderTheSameIdentifier() {
    byte[] sealed = sealer.seal("uid-1", SECRET);
    assertEquals(2, sealed[0], "format version");
    assertEquals(1 + 8 + 12 + SECRET.length + 16, sealed.length, "version, key id, nonce, ciphertext, tag");
    assertArrayEquals(SECRET, sealer.unseal("uid-1", sealed));
    assertArrayEquals(new byte[0], sealer.unseal("uid-2", sealer.seal("uid-2", new byte[0])));
    // Another sealer with the same master key (a restarted server) opens it too.
    assertArrayEquals(SECRET, MasterKeySealer.withKey(MASTER).unseal("uid-1", sealed));
  }

  @Test
  void theSameContentSealsDifferentlyEachTime() {
    byte[] a = sealer.seal("uid-1", SECRET);
    byte[] b = sealer.seal("uid-1", SECRET);
    assertFalse(Arrays.equals(a, b), "a fresh nonce each time");
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 9, 21), Arrays.copyOfRange(b, 9, 21)));
  }

  @Test
  void aSealedBlobOpenedUnderAnotherIdentifierFails() {
    byte[] sealed = sealer.seal("uid-1", SECRET);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sealer.unseal("uid-2", sealed));
    assertEquals("sealed content of uid-2 fails authentication (wrong master key or tampering)", e.getMessage());
    assertThrows(IllegalStateException.class, () -> sealer.unseal("uid-1 ", sealed));
    assertThrows(IllegalStateException.class, () -> sealer.unseal("", sealed));
  }

  @Test
  void aSealedBlobOpenedUnderAnotherMasterKeyFails() {
    byte[] sealed = sealer.seal("uid-1", SECRET);
    assertThrows(IllegalStateException.class, () -> MasterKeySealer.withKey(key(0x5B)).unseal("uid-1", sealed));
  }

  @Test
  void everyTamperedByteIsDetected() {
    byte[] sealed = sealer.seal("uid-1", SECRET);
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      int at = i;
      assertThrows(IllegalStateException.class, () -> sealer.unseal("uid-1", tampered), () -> "flipped a bit of byte " + at);
    }
    for (int len = 0; len < sealed.length; len++) {
      byte[] cut = Arrays.copyOf(sealed, len);
      int at = len;
      assertThrows(IllegalStateException.class, () -> sealer.unseal("uid-1", cut), () -> "cut to " + at + " bytes");
    }
    byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
    assertThrows(IllegalStateException.class, () -> sealer.unseal("uid-1", longer));
  }

  @Test
  void theSealedBytesDoNotContainThePlaintext() {
    byte[] sealed = sealer.seal("uid-1", SECRET);
    // No 8-byte window of the plaintext appears anywhere in the sealed form.
    for (int i = 0; i + 8 <= SECRET.length; i++) {
      byte[] window = Arrays.copyOfRange(SECRET, i, i + 8);
      assertFalse(contains(sealed, window), () -> "plaintext bytes found in the sealed form");
    }
    byte[] zeros = new byte[64];
    assertFalse(contains(sealer.seal("uid-1", zeros), new byte[8]), "all-zero content leaves no run of zeros");
  }

  @Test
  void theMasterKeyIsCopiedIn() {
    byte[] k = key(0x11);
    MasterKeySealer s = MasterKeySealer.withKey(k);
    byte[] sealed = s.seal("uid-1", SECRET);
    Arrays.fill(k, (byte) 0); // the caller wipes its copy
    assertArrayEquals(SECRET, s.unseal("uid-1", sealed));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }
}
