package io.keyfed.application.bulk;

import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bulk file: KMIP Import request payloads (TTLV, KMIP 2.1 encoding), one after another, and
 * nothing else — each record is what a client would send in an Import batch item, so any KMIP
 * tool can read the file, and the file needs no format of its own. A record is framed by its own
 * TTLV header (tag, type, length); the reader trusts nothing beyond that and the limits here.
 */
final class BulkFile {

  /** The largest record read: a wrapped key with its attributes is a few kilobytes. */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /** A record's place in the file. */
  record Record(long offset, byte[] bytes) {
    long end() {
      return offset + bytes.length;
    }
  }

  /** The file cannot be read on from here: its framing is broken, not just one record's content. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private BulkFile() {}

  /**
   * The record at {@code offset}, or null at the file's end.
   *
   * @throws Unreadable when the file ends inside a record or a record's length is impossible
   */
  static Record read(FileChannel in, long offset) throws IOException, Unreadable {
    long size = in.size();
    if (offset >= size) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(8);
    if (readFully(in, header, offset) < 8) {
      throw new Unreadable("the file ends inside a record header at byte " + offset);
    }
    // Tag (3 bytes), type (1), length (4): a Request Payload is a Structure (type 0x01).
    int tag = ((header.get(0) & 0xff) << 16) | ((header.get(1) & 0xff) << 8) | (header.get(2) & 0xff);
    if (tag != Tag.REQUEST_PAYLOAD.value() || (header.get(3) & 0xff) != ItemType.STRUCTURE.code()) {
      throw new Unreadable(String.format("the record at byte %d is not a KMIP Request Payload structure (tag %06X type %02X)",
          offset, tag, header.get(3)));
    }
    long length = header.getInt(4) & 0xffffffffL;
    if (length > MAX_RECORD_BYTES - 8) {
      throw new Unreadable("the record at byte " + offset + " claims " + length + " bytes; the limit is " + MAX_RECORD_BYTES);
    }
    if (length % 8 != 0) {
      throw new Unreadable("the record at byte " + offset + " has a length of " + length + ", not a multiple of 8");
    }
    if (offset + 8 + length > size) {
      throw new Unreadable("the file ends inside the record at byte " + offset + " (" + (size - offset) + " of "
          + (8 + length) + " bytes present)");
    }
    ByteBuffer whole = ByteBuffer.allocate((int) (8 + length));
    readFully(in, whole, offset);
    return new Record(offset, whole.array());
  }

  private static int readFully(FileChannel in, ByteBuffer b, long at) throws IOException {
    int total = 0;
    while (b.hasRemaining()) {
      int n = in.read(b, at + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
