package io.keyfed.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.domain.object.SealedContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyRingTest {

  @TempDir
  Path dir;

  static final byte[] SECRET = "the key material".getBytes();

  @Test
  void aFileRingIsCreatedOnceWithModeSixHundred() throws Exception {
    Path file = dir.resolve("master.key");
    MasterKeyRing a = MasterKeyRing.fromFile(file);
    assertEquals(32, Files.size(file));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
    assertEquals(a.currentId(), MasterKeyRing.fromFile(file).currentId(), "the same key on the next start");
    assertEquals(16, a.currentId().length());
  }

  @Test
  void rotationKeepsThePreviousKeyForUnsealingUntilRetired() throws Exception {
    Path file = dir.resolve("master.key");
    MasterKeyRing before = MasterKeyRing.fromFile(file);
    byte[] sealed = MasterKeySealer.withRing(before).seal("uid-1", SECRET);
    assertEquals(before.currentId(), SealedContent.keyIdOf(sealed));

    MasterKeyRing after = before.rotate();
    assertNotEquals(before.currentId(), after.currentId());
    assertEquals(List.of(after.currentId(), before.currentId()), after.ids());
    MasterKeySealer sealer = MasterKeySealer.withRing(after);
    assertArrayEquals(SECRET, sealer.unseal("uid-1", sealed), "old content still opens");
    byte[] resealed = sealer.seal("uid-1", sealer.unseal("uid-1", sealed));
    assertEquals(after.currentId(), SealedContent.keyIdOf(resealed));
    assertEquals(after.currentId(), MasterKeyRing.fromFile(file).currentId(), "a restart loads the new key");
    assertEquals(2, MasterKeyRing.fromFile(file).ids().size());

    MasterKeyRing retired = after.retire(before.currentId());
    assertEquals(List.of(after.currentId()), retired.ids());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MasterKeySealer.withRing(retired).unseal("uid-1", sealed));
    assertTrue(e.getMessage().contains("not loaded"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> retired.retire(retired.currentId()), "the current key is never retired");
  }

  @Test
  void aKeystoreRingRotatesAndRetiresToo() throws Exception {
    Path ks = dir.resolve("master.p12");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "a keystore password\n");
    MasterKeyRing.createKeystore(ks, pw);
    MasterKeyRing before = MasterKeyRing.fromKeystore(ks, pw);
    byte[] sealed = MasterKeySealer.withRing(before).seal("uid-9", SECRET);
    MasterKeyRing after = before.rotate();
    assertNotEquals(before.currentId(), after.currentId());
    assertArrayEquals(SECRET, MasterKeySealer.withRing(MasterKeyRing.fromKeystore(ks, pw)).unseal("uid-9", sealed));
    assertEquals(1, after.retire(before.currentId()).ids().size());
    assertEquals(1, MasterKeyRing.fromKeystore(ks, pw).ids().size(), "the previous entry is gone from the keystore");
  }

  @Test
  void aWrongSizedKeyFileIsRefused() throws Exception {
    Path file = dir.resolve("master.key");
    Files.write(file, new byte[16]);
    assertThrows(java.io.IOException.class, () -> MasterKeyRing.fromFile(file));
  }
}
