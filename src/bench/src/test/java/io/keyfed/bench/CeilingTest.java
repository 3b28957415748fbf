package io.keyfed.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and framing of the ceiling benchmarks; nothing here measures or asserts on time. */
class CeilingTest {

  /** A TTLV structure header (tag 42 00 78 Request Message, type 01) with the given body length. */
  private static byte[] message(int bodyLength) {
    byte[] m = new byte[8 + bodyLength];
    m[0] = 0x42;
    m[1] = 0x00;
    m[2] = 0x78;
    m[3] = 0x01;
    m[4] = (byte) (bodyLength >>> 24);
    m[5] = (byte) (bodyLength >>> 16);
    m[6] = (byte) (bodyLength >>> 8);
    m[7] = (byte) bodyLength;
    for (int i = 8; i < m.length; i++) {
      m[i] = (byte) i;
    }
    return m;
  }

  @Test
  void messageLengthIsHeaderPlusBigEndianLength() throws IOException {
    assertEquals(8 + 0x0130, TlsEchoCeiling.messageLength(message(0x0130)));
    assertEquals(8, TlsEchoCeiling.messageLength(message(0)));
    byte[] h = message(0);
    h[4] = (byte) 0x80; // 2 GiB: refused, not a negative length
    assertThrows(IOException.class, () -> TlsEchoCeiling.messageLength(h));
  }

  @Test
  void readMessageReadsWholeMessagesBackToBackAndGrowsTheBuffer() throws IOException {
    byte[] small = message(40);
    byte[] large = message(20_000);
    byte[] stream = new byte[small.length + large.length];
    System.arraycopy(small, 0, stream, 0, small.length);
    System.arraycopy(large, 0, stream, small.length, large.length);
    ByteArrayInputStream in = new ByteArrayInputStream(stream);
    byte[][] buf = {new byte[64]};
    assertEquals(small.length, TlsEchoCeiling.readMessage(in, buf));
    assertArrayEquals(small, Arrays.copyOf(buf[0], small.length));
    assertEquals(large.length, TlsEchoCeiling.readMessage(in, buf));
    assertArrayEquals(large, Arrays.copyOf(buf[0], large.length));
    assertEquals(-1, TlsEchoCeiling.readMessage(in, buf));
  }

  @Test
  void readMessageRefusesATruncatedMessage() {
    byte[] m = message(100);
    ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(m, 50));
    assertThrows(EOFException.class, () -> TlsEchoCeiling.readMessage(in, new byte[][] {new byte[16]}));
  }

  @Test
  void h2SchemaKeepsTheObjectAndAttributeTablesTheirIndexesAndConstraintsOnly() {
    List<String> script = List.of(
        "CREATE USER IF NOT EXISTS \"KEYFED\" SALT '00' HASH '00' ADMIN",
        "CREATE SEQUENCE \"PUBLIC\".\"KF_ATTRIBUTE_SEQ\" START WITH 1 INCREMENT BY 50",
        "CREATE CACHED TABLE \"PUBLIC\".\"KF_OBJECT\"(\n    \"UID\" CHARACTER VARYING(64) NOT NULL\n)",
        "ALTER TABLE \"PUBLIC\".\"KF_OBJECT\" ADD CONSTRAINT \"PUBLIC\".\"CONSTRAINT_1\" PRIMARY KEY(\"UID\")",
        "CREATE CACHED TABLE \"PUBLIC\".\"KF_ATTRIBUTE\"(\"ID\" BIGINT NOT NULL)",
        "CREATE CACHED TABLE \"PUBLIC\".\"KF_AUDIT\"(\"ID\" BIGINT NOT NULL)",
        "CREATE INDEX \"PUBLIC\".\"KF_OBJECT_OWNER\" ON \"PUBLIC\".\"KF_OBJECT\"(\"OWNER\" NULLS FIRST)",
        "CREATE INDEX \"PUBLIC\".\"KF_AUDIT_AT\" ON \"PUBLIC\".\"KF_AUDIT\"(\"AT_UTC\" NULLS FIRST)",
        "ALTER TABLE \"PUBLIC\".\"KF_ATTRIBUTE\" ADD CONSTRAINT \"PUBLIC\".\"FK_1\" FOREIGN KEY(\"OBJECT_UID\")"
            + " REFERENCES \"PUBLIC\".\"KF_OBJECT\"(\"UID\") NOCHECK");
    assertEquals(List.of(script.get(2), script.get(3), script.get(4), script.get(6), script.get(8)),
        RawInsertCeiling.h2SchemaStatements(script));
  }

  @Test
  void freshIdsHaveTheTemplatesLength() {
    assertEquals(36, RawInsertCeiling.freshId(36).length());
    assertEquals(64, RawInsertCeiling.freshId(64).length());
    assertEquals(8, RawInsertCeiling.freshId(8).length());
  }

  @Test
  void aGetOnlyMixWorksOnAPoolAndMayNotDestroy() {
    String[] base = {"--host", "h", "--port", "1", "--ca", "c", "--cert", "c", "--key", "k", "--clients", "2", "--seconds", "1"};
    LoadGenerator.Options get = LoadGenerator.parse(with(base, "--mix", "get"));
    assertEquals(16, get.poolSize());
    assertEquals(4, LoadGenerator.parse(with(base, "--mix", "get", "--pool", "4")).poolSize());
    assertEquals(0, LoadGenerator.parse(with(base, "--mix", "create,get")).poolSize());
    assertEquals(0, LoadGenerator.parse(base).poolSize());
    assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parse(with(base, "--mix", "get,destroy")));
    assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parse(with(base, "--mix", "get", "--pool", "0")));
  }

  private static String[] with(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
