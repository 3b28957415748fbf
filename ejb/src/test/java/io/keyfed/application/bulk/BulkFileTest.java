package io.keyfed.application.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkFileTest {

  @TempDir
  Path dir;

  private static byte[] payload(String uid) {
    return TtlvWriter.encode(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid)));
  }

  private FileChannel file(byte[]... parts) throws Exception {
    Path f = dir.resolve("f.ttlv");
    Files.deleteIfExists(f);
    for (byte[] p : parts) {
      Files.write(f, p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return FileChannel.open(f, StandardOpenOption.READ);
  }

  @Test
  void recordsFollowOneAnotherToTheEnd() throws Exception {
    byte[] a = payload("a");
    byte[] b = payload("bb-" + "x".repeat(40));
    try (FileChannel in = file(a, b)) {
      BulkFile.Record r1 = BulkFile.read(in, 0);
      assertArrayEquals(a, r1.bytes());
      BulkFile.Record r2 = BulkFile.read(in, r1.end());
      assertArrayEquals(b, r2.bytes());
      assertNull(BulkFile.read(in, r2.end()));
    }
  }

  @Test
  void aFileCutShortOrWithAForeignRecordIsUnreadableThere() throws Exception {
    byte[] a = payload("a");
    byte[] b = payload("b");
    try (FileChannel in = file(a, Arrays.copyOf(b, b.length - 8))) {
      BulkFile.Unreadable e = assertThrows(BulkFile.Unreadable.class, () -> BulkFile.read(in, a.length));
      assertTrue(e.getMessage().contains("ends inside the record at byte " + a.length), e.getMessage());
    }
    try (FileChannel in = file(a, Arrays.copyOf(b, 5))) {
      assertThrows(BulkFile.Unreadable.class, () -> BulkFile.read(in, a.length));
    }
    byte[] response = TtlvWriter.encode(Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "a")));
    try (FileChannel in = file(response)) {
      BulkFile.Unreadable e = assertThrows(BulkFile.Unreadable.class, () -> BulkFile.read(in, 0));
      assertTrue(e.getMessage().contains("not a KMIP Request Payload"), e.getMessage());
    }
    byte[] huge = payload("a");
    huge[4] = 0x7f; // a length of some 2 GB
    try (FileChannel in = file(huge)) {
      BulkFile.Unreadable e = assertThrows(BulkFile.Unreadable.class, () -> BulkFile.read(in, 0));
      assertTrue(e.getMessage().contains("the limit is"), e.getMessage());
    }
  }
}
