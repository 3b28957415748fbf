package io.keyfed.kmip.ttlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyfed.kmip.spec.ItemType;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of KMIP 1.4 §9.1.2 (unchanged since 1.0 §9.1.2; 2.1 §9.1.2 repeats them): one item
 * of each primitive type under tag 0x420020 (Compromise Date, used by the specification only as
 * an arbitrary tag), and a Structure of an Enumeration (tag 0x420004) and an Integer (0x420005).
 *
 * <p>Each row is decoded to the expected item and the item encoded back to the same bytes. The
 * expected values are written from the specification's prose ("a Date-Time, containing the value
 * for Friday, March 14, 2008, 11:56:40 GMT"), not from the bytes, so that each row also checks the
 * arithmetic of the hex.
 *
 * <p>The hex rows are the specification's own. They were checked against §9.1.2 as quoted in
 * other implementations' test suites (mongodb/libmongocrypt
 * {@code kms-message/test/test_kmip_reader_writer.c}, which cites kmip-spec-v1.4-os §9.1.2, and
 * ThalesGroup/kmip-go {@code ttlv/ttlv_test.go}); every row agrees with both, where present.
 */
class TtlvSpecExamplesTest {

  private static final int TAG = 0x420020;

  /** Friday, March 14, 2008, 11:56:40 GMT. */
  private static final Instant MARCH_14_2008 = ZonedDateTime.of(2008, 3, 14, 11, 56, 40, 0, ZoneOffset.UTC).toInstant();

  static Stream<Arguments> examples() {
    return Stream.of(
        row("An Integer containing the decimal value 8",
            "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00",
            Ttlv.integer(TAG, 8)),
        row("A Long Integer containing the decimal value 123456789000000000",
            "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00",
            Ttlv.longInteger(TAG, 123456789000000000L)),
        row("A Big Integer containing the decimal value 1234567890000000000000000000",
            "42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00",
            Ttlv.bigInteger(TAG, new BigInteger("1234567890000000000000000000"))),
        row("An Enumeration with value 255",
            "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
            Ttlv.enumeration(TAG, 255)),
        row("A Boolean with the value True",
            "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01",
            Ttlv.bool(TAG, true)),
        row("A Text String with the value 'Hello World'",
            "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00",
            Ttlv.text(TAG, "Hello World")),
        row("A Byte String with the value { 0x01, 0x02, 0x03 }",
            "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00",
            Ttlv.bytes(TAG, new byte[] {1, 2, 3})),
        row("A Date-Time, containing the value for Friday, March 14, 2008, 11:56:40 GMT",
            "42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8",
            Ttlv.dateTime(TAG, MARCH_14_2008.getEpochSecond())),
        row("An Interval, containing the value for 10 days",
            "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00",
            Ttlv.interval(TAG, Duration.ofDays(10).toSeconds())),
        row("A Structure containing an Enumeration, value 254, followed by an Integer, value 255,"
                + " having tags 420004 and 420005 respectively",
            "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
                + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
            Ttlv.structure(TAG, List.of(Ttlv.enumeration(0x420004, 254), Ttlv.integer(0x420005, 255)))));
  }

  private static Arguments row(String prose, String hex, Ttlv item) {
    return Arguments.of(prose, hex, item);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodesToTheExampleValue(String prose, String hex, Ttlv expected) throws TtlvException {
    assertEquals(expected, new TtlvReader().read(Hex.bytes(hex)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void encodesToTheExampleBytes(String prose, String hex, Ttlv item) {
    byte[] expected = Hex.bytes(hex);
    byte[] actual = TtlvWriter.encode(item);
    assertArrayEquals(expected, actual, () -> "expected " + hex + "\nbut was  " + Hex.table(actual));
  }

  @Test
  void decodedValuesHaveTheirJavaForms() throws TtlvException {
    assertEquals(8, decode("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00", Ttlv::asInt));
    assertEquals(123456789000000000L, decode("42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00", Ttlv::asLong));
    assertEquals(new BigInteger("1234567890000000000000000000"),
        decode("42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00", Ttlv::asBigInteger));
    assertEquals(255L, decode("42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00", Ttlv::asLong));
    assertEquals(true, decode("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01", Ttlv::asBoolean));
    assertEquals("Hello World",
        decode("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00", Ttlv::asText));
    assertArrayEquals(new byte[] {1, 2, 3}, decode("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00", Ttlv::asBytes));
    Instant when = decode("42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8", Ttlv::asInstant);
    assertEquals(MARCH_14_2008, when);
    assertEquals(DayOfWeek.FRIDAY, when.atZone(ZoneOffset.UTC).getDayOfWeek());
    assertEquals(Duration.ofDays(10), Duration.ofSeconds(decode("42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00", Ttlv::asLong)));
    Ttlv s = new TtlvReader().read(Hex.bytes("42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
        + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"));
    assertEquals(ItemType.STRUCTURE, s.type());
    assertEquals(254, s.child(0x420004).asInt());
    assertEquals(ItemType.ENUMERATION, s.child(0x420004).type());
    assertEquals(255, s.child(0x420005).asInt());
    assertEquals(ItemType.INTEGER, s.child(0x420005).type());
  }

  private static <T> T decode(String hex, Function<Ttlv, T> value) throws TtlvException {
    Ttlv t = new TtlvReader().read(Hex.bytes(hex));
    assertEquals(TAG, t.tag());
    return value.apply(t);
  }
}
