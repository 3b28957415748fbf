package io.keyfed.kmip.ttlv;

import io.keyfed.kmip.spec.ItemType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a {@link Ttlv} tree as TTLV bytes: values padded with zeros to a multiple of 8,
 * structure lengths back-patched once their children are written, Big Integers sign-extended to a
 * multiple of 8 bytes (KMIP 1.4 §9.1.1.4). Not thread-safe; cheap to create.
 */
public final class TtlvWriter {

  private byte[] buf;
  private int pos;

  public TtlvWriter() {
    this(256);
  }

  public TtlvWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Encodes one item to a new array. */
  public static byte[] encode(Ttlv item) {
    TtlvWriter w = new TtlvWriter();
    w.write(item);
    return w.toByteArray();
  }

  public TtlvWriter write(Ttlv item) {
    writeItem(item);
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  public int size() {
    return pos;
  }

  public void reset() {
    pos = 0;
  }

  private void writeItem(Ttlv t) {
    ensure(8);
    int start = pos;
    int tag = t.tag();
    buf[pos++] = (byte) (tag >>> 16);
    buf[pos++] = (byte) (tag >>> 8);
    buf[pos++] = (byte) tag;
    buf[pos++] = (byte) t.type().code();
    pos += 4; // length, patched below
    ItemType type = t.type();
    int len;
    switch (type) {
      case STRUCTURE -> {
        List<Ttlv> cs = t.children();
        for (int i = 0, n = cs.size(); i < n; i++) {
          writeItem(cs.get(i));
        }
        len = pos - start - 8;
      }
      case INTEGER, ENUMERATION -> {
        ensure(8);
        putInt(t.asInt());
        putInt(0);
        len = 4;
      }
      case INTERVAL -> {
        ensure(8);
        putInt((int) t.asLong());
        putInt(0);
        len = 4;
      }
      case LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED -> {
        ensure(8);
        putLong(t.asLong());
        len = 8;
      }
      case BOOLEAN -> {
        ensure(8);
        putLong(t.asBoolean() ? 1 : 0);
        len = 8;
      }
      case BIG_INTEGER -> len = putPadded(bigIntegerBytes(t.asBigInteger()), true);
      case TEXT_STRING -> len = putPadded(t.asText().getBytes(StandardCharsets.UTF_8), false);
      case BYTE_STRING -> len = putPadded(t.bytesNoCopy(), false);
      case IDENTIFIER, REFERENCE, NAME_REFERENCE -> throw new IllegalArgumentException(
          t.tagName() + ": item type " + type.xmlName() + " (KMIP 3.0 draft) has no TTLV encoding in this codec");
      default -> throw new IllegalStateException(type.toString());
    }
    buf[start + 4] = (byte) (len >>> 24);
    buf[start + 5] = (byte) (len >>> 16);
    buf[start + 6] = (byte) (len >>> 8);
    buf[start + 7] = (byte) len;
  }

  /** Two's complement, big-endian, sign-extended to a multiple of 8 bytes. */
  static byte[] bigIntegerBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    int padded = Math.max(8, (raw.length + 7) & ~7);
    if (padded == raw.length) {
      return raw;
    }
    byte[] out = new byte[padded];
    Arrays.fill(out, 0, padded - raw.length, v.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(raw, 0, out, padded - raw.length, raw.length);
    return out;
  }

  private int putPadded(byte[] v, boolean alreadyAligned) {
    int padded = alreadyAligned ? v.length : (v.length + 7) & ~7;
    ensure(padded);
    System.arraycopy(v, 0, buf, pos, v.length);
    Arrays.fill(buf, pos + v.length, pos + padded, (byte) 0);
    pos += padded;
    return v.length;
  }

  private void putInt(int v) {
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
