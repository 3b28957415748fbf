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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.TtlvException.Problem;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input a hostile or broken peer can send. Each case must end in the one {@link Problem} that
 * names it: never an OutOfMemoryError (a declared length driving an allocation), a
 * StackOverflowError (nesting driving recursion), a hang, or a runtime exception from a decoder.
 * Every test runs in its own thread under a timeout, so a hang fails instead of stalling the build.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TtlvHostileInputTest {

  private final TtlvReader reader = new TtlvReader();

  // ---- valid messages whose every prefix is tried ------------------------------------------

  static Stream<Arguments> validMessages() {
    Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE,
        Ttlv.structure(Tag.REQUEST_HEADER,
            Ttlv.structure(Tag.PROTOCOL_VERSION,
                Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1),
                Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 4)),
            Ttlv.dateTime(Tag.TIME_STAMP, Instant.ofEpochSecond(1_205_495_800L)),
            Ttlv.integer(Tag.BATCH_COUNT, 1)),
        Ttlv.structure(Tag.BATCH_ITEM,
            Ttlv.enumeration(Tag.OPERATION, 0x0A),
            Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, new byte[] {1, 2, 3, 4, 5}),
            Ttlv.structure(Tag.REQUEST_PAYLOAD,
                Ttlv.text(Tag.UNIQUE_IDENTIFIER, "a UID of 23 characters"),
                Ttlv.bool(0x540001, true),
                Ttlv.bigInteger(0x540002, new BigInteger("-123456789012345678901234567890")),
                Ttlv.interval(0x540003, 0xFFFF_FFFFL),
                Ttlv.longInteger(0x540004, Long.MIN_VALUE))));
    return Stream.of(
        Arguments.of("the specification's Structure example", Hex.bytes(
            "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
                + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00")),
        Arguments.of("a Text String", Hex.bytes("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00")),
        Arguments.of("a request message", TtlvWriter.encode(request)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validMessages")
  void everyTruncationIsTruncated(String what, byte[] message) throws Exception {
    reader.read(message); // the whole message is valid
    for (int len = 0; len < message.length; len++) {
      byte[] prefix = Arrays.copyOf(message, len);
      assertProblem(TRUNCATED, () -> reader.read(prefix), what + " cut to " + len + " bytes");
    }
  }

  /** Messages proper: a stream carries only Structures. */
  static Stream<Arguments> validStructures() {
    return validMessages().filter(a -> ((byte[]) a.get()[1])[3] == 0x01);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validStructures")
  void everyTruncationOfAStreamEndsInEofOrACleanEnd(String what, byte[] message) throws Exception {
    assertArrayEquals(message, reader.readMessageBytes(new ByteArrayInputStream(message)));
    assertNull(reader.readMessageBytes(new ByteArrayInputStream(new byte[0])), "clean end of stream");
    for (int len = 1; len < message.length; len++) {
      InputStream in = new ByteArrayInputStream(message, 0, len);
      int cut = len;
      assertThrows(EOFException.class, () -> reader.readMessageBytes(in), () -> what + " cut to " + cut + " bytes");
    }
  }

  // ---- lengths ------------------------------------------------------------------------------

  @ParameterizedTest(name = "declared length {0}")
  @ValueSource(strings = {"80 00 00 00", "FF FF FF FF", "7F FF FF F8"})
  void aHugeDeclaredLengthIsNeverAllocated(String length) {
    for (String type : List.of("01", "07", "08", "04")) {
      byte[] top = Hex.bytes("42 00 20 | " + type + " | " + length + " | 00 00 00 00 00 00 00 00");
      assertProblem(TRUNCATED, () -> reader.read(top), "top-level item of type " + type);

      byte[] child = Hex.bytes("42 00 20 | 01 | 00 00 00 10 | 42 00 21 | " + type + " | " + length + " | 00 00 00 00 00 00 00 00");
      assertProblem(CHILD_OVERRUNS_PARENT, () -> reader.read(child), "child of type " + type);
    }
  }

  @ParameterizedTest(name = "declared length {0}")
  @ValueSource(strings = {"80 00 00 00", "FF FF FF FF"})
  void aStreamHeaderOverTheLimitIsRefusedBeforeItsBodyIsRead(String length) {
    byte[] header = Hex.bytes("42 00 78 | 01 | " + length);
    // A stream that would deliver the body forever: it must not be read, nor the length allocated.
    InputStream endless = new SequenceInputStream(new ByteArrayInputStream(header), new InputStream() {
      @Override
      public int read() {
        return 0;
      }
    });
    TtlvException e = assertThrows(TtlvException.class, () -> reader.readMessageBytes(endless));
    assertEquals(MESSAGE_TOO_LARGE, e.problem());
    assertEquals(ResultReason.INVALID_MESSAGE, e.resultReason());
    assertEquals(MESSAGE_TOO_LARGE, assertThrows(TtlvException.class, () -> reader.checkMessageHeader(header)).problem());
  }

  @Test
  void theMessageLimitIsExactForStreamsAndArrays() throws Exception {
    TtlvReader small = new TtlvReader(new TtlvLimits(64, 8));
    byte[] fits = TtlvWriter.encode(Ttlv.structure(0x420078, List.of(Ttlv.bytes(0x420079, new byte[48])))); // 8 + 8 + 48 = 64
    assertEquals(64, fits.length);
    assertArrayEquals(fits, small.readMessageBytes(new ByteArrayInputStream(fits)));
    small.read(fits);

    byte[] over = TtlvWriter.encode(Ttlv.structure(0x420078, List.of(Ttlv.bytes(0x420079, new byte[49])))); // 72 bytes
    assertProblem(MESSAGE_TOO_LARGE, () -> small.readMessageBytes(new ByteArrayInputStream(over)), "stream");
    assertProblem(MESSAGE_TOO_LARGE, () -> small.read(over), "array");
  }

  @Test
  void aStreamThatEndsInsideTheHeaderOrTheBody() {
    byte[] message = Hex.bytes("42 00 20 | 01 | 00 00 00 10 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00");
    EOFException header = assertThrows(EOFException.class,
        () -> reader.readMessageBytes(new ByteArrayInputStream(message, 0, 5)));
    assertEquals("connection closed inside a message header", header.getMessage());
    EOFException body = assertThrows(EOFException.class,
        () -> reader.readMessageBytes(new ByteArrayInputStream(message, 0, 20)));
    assertEquals("connection closed inside a message", body.getMessage());
  }

  @Test
  void aStreamHeaderThatCannotStartAMessage() {
    assertProblem(UNKNOWN_ITEM_TYPE, () -> reader.readMessageBytes(
        new ByteArrayInputStream(Hex.bytes("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"))), "an Integer");
    assertProblem(UNKNOWN_ITEM_TYPE, () -> reader.readMessageBytes(
        new ByteArrayInputStream(Hex.bytes("42 00 20 | 0C | 00 00 00 08"))), "item type 0x0C");
    assertProblem(BAD_LENGTH, () -> reader.readMessageBytes(
        new ByteArrayInputStream(Hex.bytes("42 00 20 | 01 | 00 00 00 0C | 00 00 00 00 00 00 00 00 00 00 00 00"))), "length 12");
  }

  @Test
  void aChildLongerThanItsParent() {
    // The parent declares 16 bytes; its Text String child needs 8 + 16.
    assertProblem(CHILD_OVERRUNS_PARENT, () -> reader.read(Hex.bytes(
        "42 00 20 | 01 | 00 00 00 10 | 42 00 21 | 07 | 00 00 00 10 | 41 41 41 41 41 41 41 41")), "text in a parent at the end");
    // The parent declares 8 bytes, so its 16-byte Integer child overruns it although the
    // message holds all 16 bytes.
    assertProblem(CHILD_OVERRUNS_PARENT, () -> reader.read(Hex.bytes(
        "42 00 78 | 01 | 00 00 00 20 | 42 00 20 | 01 | 00 00 00 08 | 42 00 21 | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00"
            + " | 42 00 22 | 02 | 00 00 00 04 | 00 00 00 02 00 00 00 00")), "integer in an inner parent");
  }

  // ---- nesting ------------------------------------------------------------------------------

  @Test
  void nesting100000DeepIsTooDeep() {
    int depth = 100_000;
    ByteBuffer b = ByteBuffer.allocate(depth * 8 + 16);
    for (int i = 0; i < depth; i++) {
      b.put((byte) 0x42).put((byte) 0x00).put((byte) 0x20).put((byte) 0x01);
      b.putInt(b.capacity() - b.position() - 4);
    }
    b.put(Hex.bytes("42 00 21 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"));
    byte[] message = b.array();
    TtlvException e = assertProblem(TOO_DEEP, () -> reader.read(message), "100,000 nested structures");
    // The guard fires at the first structure below the limit, long before the end of the input.
    assertEquals((long) (TtlvLimits.DEFAULT.maxDepth() - 1) * 8, e.offset());

    // The same bytes from a stream: read whole (800 KB is under the limit), then refused.
    assertProblem(TOO_DEEP, () -> reader.read(reader.readMessageBytes(new ByteArrayInputStream(message))), "from a stream");
  }

  @Test
  void nestingUpToTheLimitIsRead() throws TtlvException {
    Ttlv t = Ttlv.integer(0x420021, 8);
    for (int i = 1; i < TtlvLimits.DEFAULT.maxDepth(); i++) {
      t = Ttlv.structure(0x420020, List.of(t));
    }
    assertEquals(t, reader.read(TtlvWriter.encode(t)));
    Ttlv deeper = Ttlv.structure(0x420020, List.of(t));
    assertProblem(TOO_DEEP, () -> reader.read(TtlvWriter.encode(deeper)), "one level more");
  }

  // ---- item types and values ----------------------------------------------------------------

  @ParameterizedTest(name = "item type 0x{0}")
  @ValueSource(strings = {"0C", "00", "0D", "0E", "0F", "FF"})
  void anUnknownItemType(String type) {
    TtlvException top = assertProblem(UNKNOWN_ITEM_TYPE,
        () -> reader.read(Hex.bytes("42 00 20 | " + type + " | 00 00 00 08 | 00 00 00 00 00 00 00 01")), "top level");
    assertEquals(3, top.offset());
    TtlvException inner = assertProblem(UNKNOWN_ITEM_TYPE,
        () -> reader.read(Hex.bytes("42 00 20 | 01 | 00 00 00 10 | 42 00 21 | " + type + " | 00 00 00 08 | 00 00 00 00 00 00 00 01")),
        "inside a structure");
    assertEquals(11, inner.offset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonZeroPadding")
  void nonZeroPadding(String what, String hex, long offset) {
    TtlvException e = assertProblem(NON_ZERO_PADDING, () -> reader.read(Hex.bytes(hex)), what);
    assertEquals(offset, e.offset());
  }

  static Stream<Arguments> nonZeroPadding() {
    return Stream.of(
        Arguments.of("Integer", "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 01", 15),
        Arguments.of("Enumeration", "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 80 00 00 00", 12),
        Arguments.of("Interval", "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 01 00", 14),
        Arguments.of("Text String", "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 20", 23),
        Arguments.of("Byte String", "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 FF 00 00 00", 12),
        Arguments.of("Integer in a structure", "42 00 20 | 01 | 00 00 00 10 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 01 00", 22));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "C3 28",                   // a lead byte without its continuation
      "FF",                      // never valid in UTF-8
      "C0 AF",                   // overlong encoding of '/'
      "ED A0 80",                // an encoded UTF-16 surrogate
      "F4 90 80 80",             // above U+10FFFF
      "E2 82"})                  // a sequence cut short by the end of the string
  void invalidUtf8InATextString(String utf8) {
    byte[] value = Hex.bytes(utf8);
    byte[] padded = Arrays.copyOf(value, 8);
    byte[] item = Hex.concat(Hex.bytes("42 00 20 | 07"), ByteBuffer.allocate(4).putInt(value.length).array(), padded);
    TtlvException e = assertProblem(INVALID_UTF8, () -> reader.read(item), utf8);
    assertEquals(8, e.offset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongLengths")
  void aFixedSizeTypeWithTheWrongLength(String what, String hex) {
    assertProblem(BAD_LENGTH, () -> reader.read(Hex.bytes(hex)), what);
  }

  static Stream<Arguments> wrongLengths() {
    return Stream.of(
        Arguments.of("Integer of length 8", "42 00 20 | 02 | 00 00 00 08 | 00 00 00 00 00 00 00 08"),
        Arguments.of("Integer of length 0", "42 00 20 | 02 | 00 00 00 00"),
        Arguments.of("Enumeration of length 2", "42 00 20 | 05 | 00 00 00 02 | 00 FF 00 00 00 00 00 00"),
        Arguments.of("Interval of length 8", "42 00 20 | 0A | 00 00 00 08 | 00 00 00 00 00 0D 2F 00"),
        Arguments.of("Long Integer of length 4", "42 00 20 | 03 | 00 00 00 04 | 00 00 00 08 00 00 00 00"),
        Arguments.of("Boolean of length 4", "42 00 20 | 06 | 00 00 00 04 | 00 00 00 01 00 00 00 00"),
        Arguments.of("Date-Time of length 16", "42 00 20 | 09 | 00 00 00 10 | 00 00 00 00 47 DA 67 F8 00 00 00 00 00 00 00 00"),
        Arguments.of("Big Integer of length 0", "42 00 20 | 04 | 00 00 00 00"),
        Arguments.of("Big Integer of length 12", "42 00 20 | 04 | 00 00 00 0C | 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00"),
        Arguments.of("Structure of length 12", "42 00 20 | 01 | 00 00 00 0C | 42 00 21 | 02 | 00 00 00 00 | 00 00 00 00"));
  }

  @ParameterizedTest(name = "Boolean {0}")
  @ValueSource(strings = {"00 00 00 00 00 00 00 02", "01 00 00 00 00 00 00 00", "FF FF FF FF FF FF FF FF"})
  void aBooleanOtherThanZeroOrOne(String value) {
    TtlvException e = assertProblem(BAD_BOOLEAN, () -> reader.read(Hex.bytes("42 00 20 | 06 | 00 00 00 08 | " + value)), value);
    assertEquals(8, e.offset());
  }

  @Test
  void trailingBytes() {
    byte[] item = Hex.bytes("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00");
    TtlvException one = assertProblem(TRAILING_BYTES, () -> reader.read(Hex.concat(item, new byte[1])), "one byte");
    assertEquals(16, one.offset());
    assertProblem(TRAILING_BYTES, () -> reader.read(Hex.concat(item, item)), "a second item");
    // Within a larger buffer the item must fill exactly the range given.
    byte[] buf = Hex.concat(new byte[3], item, new byte[5]);
    assertProblem(TRAILING_BYTES, () -> reader.read(buf, 3, 17), "a range one byte too long");
  }

  @Test
  void everyProblemOfTheReaderIsAnInvalidMessage() {
    for (Problem p : Problem.values()) {
      ResultReason expected = p == Problem.BAD_VALUE ? ResultReason.INVALID_FIELD : ResultReason.INVALID_MESSAGE;
      assertEquals(expected, p.resultReason(), p.name());
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  interface Read {
    Object run() throws Exception;
  }

  /** Runs {@code read} and requires exactly a TtlvException with {@code problem}. */
  private static TtlvException assertProblem(Problem problem, Read read, String what) {
    TtlvException e = assertThrows(TtlvException.class, read::run, what);
    assertEquals(problem, e.problem(), () -> what + ": " + e.getMessage());
    return e;
  }
}
