package io.keyfed.kmip.ttlv;

import static io.keyfed.kmip.ttlv.TtlvException.Problem.BAD_BOOLEAN;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.BAD_LENGTH;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.CHILD_OVERRUNS_PARENT;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.INVALID_UTF8;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.MESSAGE_TOO_LARGE;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.NON_ZERO_PADDING;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.TOO_DEEP;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.TRAILING_BYTES;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.TRUNCATED;
import static io.keyfed.kmip.ttlv.TtlvException.Problem.UNKNOWN_ITEM_TYPE;

import io.keyfed.kmip.spec.ItemType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes TTLV (KMIP 1.4 §9.1.1, 2.1 §9.1.1) strictly. Every length comes from the peer, so each is
 * checked against what actually remains (of the message, then of the enclosing structure) before
 * it is used; nothing is allocated from a declared length that has not been checked; recursion is
 * bounded by {@link TtlvLimits#maxDepth()}.
 */
public final class TtlvReader {

  /** Size of an item header: 3-byte tag, 1-byte type, 4-byte length. */
  public static final int HEADER = 8;

  /**
   * The item types this reader decodes: those of KMIP 1.0-2.1. The spec tables also list the KMIP
   * 3.0 types (Identifier, Reference, Name Reference), whose encoding this codec does not
   * implement; they are refused as unknown rather than reaching a decoder that has no case for
   * them.
   */
  private static final Set<ItemType> DECODED = EnumSet.of(
      ItemType.STRUCTURE, ItemType.INTEGER, ItemType.LONG_INTEGER, ItemType.BIG_INTEGER,
      ItemType.ENUMERATION, ItemType.BOOLEAN, ItemType.TEXT_STRING, ItemType.BYTE_STRING,
      ItemType.DATE_TIME, ItemType.INTERVAL, ItemType.DATE_TIME_EXTENDED);

  private final TtlvLimits limits;

  public TtlvReader(TtlvLimits limits) {
    this.limits = limits;
  }

  public TtlvReader() {
    this(TtlvLimits.DEFAULT);
  }

  public TtlvLimits limits() {
    return limits;
  }

  /** Decodes exactly one item that must fill the whole array. */
  public Ttlv read(byte[] message) throws TtlvException {
    return read(message, 0, message.length);
  }

  /** Decodes exactly one item that must fill {@code buf[off, off+len)}. */
  public Ttlv read(byte[] buf, int off, int len) throws TtlvException {
    if (len > limits.maxMessageBytes()) {
      throw new TtlvException(MESSAGE_TOO_LARGE, 0, "message of " + len + " bytes exceeds the limit of " + limits.maxMessageBytes());
    }
    Cursor c = new Cursor(buf, off, off + len);
    Ttlv item = readItem(c, off + len, 1);
    if (c.pos != off + len) {
      throw new TtlvException(TRAILING_BYTES, c.pos - off, (off + len - c.pos) + " bytes after the message");
    }
    return item;
  }

  /**
   * Reads one whole message from a stream: its 8-byte header first, then, once the declared length
   * has been checked against the limit, exactly that many bytes. Returns null at a clean end of
   * stream (no byte of a new message).
   *
   * @throws TtlvException for a header that cannot start a message or a length over the limit;
   *     the stream is then out of step and must be closed
   * @throws EOFException when the stream ends inside a message
   */
  public byte[] readMessageBytes(InputStream in) throws IOException, TtlvException {
    int first = in.read();
    return first < 0 ? null : readMessageBytes(first, in);
  }

  /**
   * As {@link #readMessageBytes(InputStream)}, for a transport that has already read the first
   * byte (to start its per-message deadline once a message begins).
   */
  public byte[] readMessageBytes(int firstByte, InputStream in) throws IOException, TtlvException {
    byte[] header = new byte[HEADER];
    header[0] = (byte) firstByte;
    if (in.readNBytes(header, 1, HEADER - 1) != HEADER - 1) {
      throw new EOFException("connection closed inside a message header");
    }
    long total = checkMessageHeader(header);
    byte[] msg = Arrays.copyOf(header, (int) total);
    if (in.readNBytes(msg, HEADER, msg.length - HEADER) != msg.length - HEADER) {
      throw new EOFException("connection closed inside a message");
    }
    return msg;
  }

  /**
   * Validates the first 8 bytes of a message and returns the message's total length (header
   * included). A KMIP message is always a Structure.
   */
  public long checkMessageHeader(byte[] header) throws TtlvException {
    int type = header[3] & 0xFF;
    if (ItemType.fromCode(type) != ItemType.STRUCTURE) {
      throw new TtlvException(UNKNOWN_ITEM_TYPE, 3, String.format("a message must be a Structure, found item type 0x%02X", type));
    }
    long length = ByteBuffer.wrap(header, 4, 4).getInt() & 0xFFFF_FFFFL;
    long total = HEADER + length;
    if (total > limits.maxMessageBytes()) {
      throw new TtlvException(MESSAGE_TOO_LARGE, 4, "declared length " + length + " exceeds the limit of " + limits.maxMessageBytes() + " bytes");
    }
    if (length % 8 != 0) {
      throw new TtlvException(BAD_LENGTH, 4, "structure length " + length + " is not a multiple of 8");
    }
    return total;
  }

  private Ttlv readItem(Cursor c, int end, int depth) throws TtlvException {
    int start = c.pos;
    // Only the top-level item is bounded by the input itself: a shortfall there is truncation.
    // Below it, the bound is the parent's declared length, so a shortfall is a child that
    // overruns its parent, even when the parent happens to end where the input ends.
    boolean outer = depth == 1;
    if (end - start < HEADER) {
      throw new TtlvException(outer ? TRUNCATED : CHILD_OVERRUNS_PARENT, start - c.origin, "item header needs 8 bytes, " + (end - start) + " remain");
    }
    byte[] b = c.buf;
    int tag = ((b[start] & 0xFF) << 16) | ((b[start + 1] & 0xFF) << 8) | (b[start + 2] & 0xFF);
    int typeCode = b[start + 3] & 0xFF;
    ItemType type = ItemType.fromCode(typeCode);
    if (type == null || !DECODED.contains(type)) {
      throw new TtlvException(UNKNOWN_ITEM_TYPE, start + 3 - c.origin, String.format("unknown item type 0x%02X for tag 0x%06X", typeCode, tag));
    }
    long length = readUInt32(b, start + 4);
    long padded = type == ItemType.STRUCTURE ? length : (length + 7) & ~7L;
    int valueStart = start + HEADER;
    if (padded > end - valueStart) {
      // Concatenation, not String.format: this is the guard every cut-off message hits.
      throw new TtlvException(outer ? TRUNCATED : CHILD_OVERRUNS_PARENT, start + 4 - c.origin,
          "tag " + hexTag(tag) + " declares " + length + " bytes, " + (end - valueStart) + " remain" + (outer ? "" : " in its parent"));
    }
    int len = (int) length;
    int valueEnd = valueStart + (int) padded;
    Object value;
    switch (type) {
      case STRUCTURE -> {
        if (depth >= limits.maxDepth()) {
          throw new TtlvException(TOO_DEEP, start - c.origin, "structures nested deeper than " + limits.maxDepth());
        }
        if (len % 8 != 0) {
          throw new TtlvException(BAD_LENGTH, start + 4 - c.origin, String.format("structure 0x%06X length %d is not a multiple of 8", tag, len));
        }
        List<Ttlv> children = new ArrayList<>();
        c.pos = valueStart;
        while (c.pos < valueEnd) {
          children.add(readItem(c, valueEnd, depth + 1));
        }
        value = List.copyOf(children);
      }
      case INTEGER -> {
        fixed(c, start, tag, len, 4);
        value = readInt(b, valueStart);
      }
      case ENUMERATION -> {
        fixed(c, start, tag, len, 4);
        value = readInt(b, valueStart);
      }
      case INTERVAL -> {
        fixed(c, start, tag, len, 4);
        value = readUInt32(b, valueStart);
      }
      case LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED -> {
        fixed(c, start, tag, len, 8);
        value = readLong(b, valueStart);
      }
      case BOOLEAN -> {
        fixed(c, start, tag, len, 8);
        long v = readLong(b, valueStart);
        if (v != 0 && v != 1) {
          throw new TtlvException(BAD_BOOLEAN, valueStart - c.origin, String.format("Boolean 0x%06X has value %d", tag, v));
        }
        value = v == 1;
      }
      case BIG_INTEGER -> {
        if (len == 0 || len % 8 != 0) {
          throw new TtlvException(BAD_LENGTH, start + 4 - c.origin, String.format("Big Integer 0x%06X length %d is not a positive multiple of 8", tag, len));
        }
        value = new BigInteger(b, valueStart, len);
      }
      case TEXT_STRING -> {
        try {
          value = StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, valueStart, len))
              .toString();
        } catch (CharacterCodingException e) {
          throw new TtlvException(INVALID_UTF8, valueStart - c.origin, String.format("Text String 0x%06X is not valid UTF-8", tag));
        }
      }
      case BYTE_STRING -> value = Arrays.copyOfRange(b, valueStart, valueStart + len);
      default -> throw new IllegalStateException(type.toString());
    }
    for (int i = valueStart + len; i < valueEnd; i++) {
      if (b[i] != 0) {
        throw new TtlvException(NON_ZERO_PADDING, i - c.origin, String.format("non-zero padding after 0x%06X", tag));
      }
    }
    c.pos = valueEnd;
    return Ttlv.ofTrusted(tag, type, value);
  }

  private static String hexTag(int tag) {
    String h = Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
    return "0x" + "000000".substring(Math.min(6, h.length())) + h;
  }

  private static void fixed(Cursor c, int start, int tag, int len, int want) throws TtlvException {
    if (len != want) {
      throw new TtlvException(BAD_LENGTH, start + 4 - c.origin, String.format("item 0x%06X has length %d, its type needs %d", tag, len, want));
    }
  }

  static int readInt(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
  }

  static long readUInt32(byte[] b, int i) {
    return readInt(b, i) & 0xFFFF_FFFFL;
  }

  static long readLong(byte[] b, int i) {
    return ((long) readInt(b, i) << 32) | readUInt32(b, i + 4);
  }

  private static final class Cursor {
    final byte[] buf;
    final int origin;
    final int limit;
    int pos;

    Cursor(byte[] buf, int origin, int limit) {
      if (origin < 0 || limit > buf.length || origin > limit) {
        throw new IndexOutOfBoundsException();
      }
      this.buf = buf;
      this.origin = origin;
      this.limit = limit;
      this.pos = origin;
    }
  }
}
