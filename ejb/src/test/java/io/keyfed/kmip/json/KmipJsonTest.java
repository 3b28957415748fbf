package io.keyfed.kmip.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.text.KmipTextException.Problem;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KMIP JSON encoding: the value forms of each item type, and hostile input (nesting 100,000
 * deep, oversized input, huge numbers, broken strings and escapes, unknown members), each refused
 * with its own problem and a position (line, column and character offset), never an
 * OutOfMemoryError, StackOverflowError or hang.
 */
class KmipJsonTest {

  private static final KmipJson JSON = new KmipJson();

  @Test
  void everyItemTypeReadsAndWritesBack() throws Exception {
    Ttlv t = Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()),
        Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 1000),
        Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, Long.MIN_VALUE),
        Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, BigInteger.valueOf(65537)),
        Ttlv.bool(Tag.SENSITIVE.value(), true),
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, "a \"b\" \\ c\n\u00e9\ud83d\udd11"),
        Ttlv.bytes(Tag.KEY_MATERIAL, new byte[] {0, (byte) 0xFF, (byte) 0xAA}),
        Ttlv.dateTime(Tag.ACTIVATION_DATE.value(), Instant.parse("2012-04-27T08:12:21Z").getEpochSecond()),
        Ttlv.interval(Tag.LEASE_TIME.value(), 3600),
        Ttlv.text(0x540001, "vendor"));
    String json = JSON.write(t);
    assertTrue(json.contains("{\"tag\": \"ObjectType\", \"type\": \"Enumeration\", \"value\": \"SymmetricKey\"}"), json);
    assertTrue(json.contains("{\"tag\": \"CryptographicUsageMask\", \"type\": \"Integer\", \"value\": \"Encrypt|Decrypt\"}"), json);
    assertTrue(json.contains("\"value\": \"0x8000000000000000\""), json);
    assertTrue(json.contains("{\"tag\": \"0x540001\", \"type\": \"TextString\", \"value\": \"vendor\"}"), json);
    assertEquals(t, JSON.read(json));
    assertEquals(json, JSON.write(JSON.read(json)));
  }

  @Test
  void numbersAndHexAreReadWhereTheTypeAllows() throws Exception {
    assertEquals(12, JSON.read("{\"tag\": \"CryptographicUsageMask\", \"type\": \"Integer\", \"value\": 12}").asInt());
    assertEquals(12, JSON.read("{\"tag\": \"CryptographicUsageMask\", \"type\": \"Integer\", \"value\": \"0x0000000C\"}").asInt());
    assertEquals(BigInteger.valueOf(-2), JSON.read("{\"tag\": \"Modulus\", \"type\": \"BigInteger\", \"value\": -2}").asBigInteger());
    assertEquals(List.of(Ttlv.structure(Tag.REQUEST_MESSAGE, List.of()), Ttlv.structure(Tag.RESPONSE_MESSAGE, List.of())),
        JSON.readAll("[{\"tag\": \"RequestMessage\", \"value\": []}, {\"tag\": \"ResponseMessage\", \"value\": []}]"));
  }

  // ---- hostile input ----------------------------------------------------------------------

  @Test
  void nestingAHundredThousandDeepIsTooDeepNotAStackOverflow() {
    int n = 100_000;
    StringBuilder sb = new StringBuilder(n * 40);
    for (int i = 0; i < n; i++) {
      sb.append("{\"tag\": \"RequestPayload\", \"value\": [");
    }
    for (int i = 0; i < n; i++) {
      sb.append("]}");
    }
    KmipTextException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(KmipTextException.class, () -> JSON.read(sb.toString())));
    assertEquals(Problem.TOO_DEEP, e.problem());
    // Bare arrays, too: the JSON reader counts containers before it recurses.
    String arrays = "[".repeat(n) + "]".repeat(n);
    assertEquals(Problem.TOO_DEEP, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> problem(arrays)));
  }

  @Test
  void inputOverTheLimitIsRefusedBeforeParsing() {
    KmipJson small = new KmipJson(100, 8);
    KmipTextException e = assertThrows(KmipTextException.class,
        () -> small.read("{\"tag\": \"RequestPayload\", \"value\": [" + " ".repeat(200) + "]}"));
    assertEquals(Problem.TOO_LARGE, e.problem());
  }

  @Test
  void aHugeNumberIsABadNumberNotAnAllocation() {
    String digits = "9".repeat(1_000_000);
    assertEquals(Problem.BAD_NUMBER, assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> problem("{\"tag\": \"CryptographicLength\", \"type\": \"Integer\", \"value\": " + digits + "}")));
    assertEquals(Problem.BAD_NUMBER, problem("{\"tag\": \"CryptographicLength\", \"type\": \"Integer\", \"value\": 1e3}"));
    assertEquals(Problem.BAD_NUMBER, problem("{\"tag\": \"UsageLimitsTotal\", \"type\": \"LongInteger\", \"value\": 9223372036854775808}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown tag               | {"tag": "NoSuchTag", "type": "Integer", "value": 1}                      | UNKNOWN_TAG        | 1 | 9  | 8
      bad tag hex               | {"tag": "0x54zz01", "type": "Integer", "value": 1}                       | BAD_TAG            | 1 | 9  | 8
      unknown type              | {"tag": "NameValue", "type": "Float", "value": 1}                        | UNKNOWN_TYPE       | 1 | 30 | 29
      missing tag               | {"type": "Integer", "value": 1}                                          | MISSING_VALUE      | 1 | 1  | 0
      missing value             | {"tag": "NameValue", "type": "TextString"}                               | MISSING_VALUE      | 1 | 1  | 0
      unknown member            | {"tag": "NameValue", "type": "TextString", "value": "a", "lang": "en"}   | UNEXPECTED_CONTENT | 1 | 1  | 0
      duplicate member          | {"tag": "NameValue", "tag": "NameValue", "type": "TextString", "value": "a"} | NOT_WELL_FORMED | 1 | 22 | 21
      structure value not array | {"tag": "RequestPayload", "value": 1}                                    | UNEXPECTED_CONTENT | 1 | 36 | 35
      boolean as a string       | {"tag": "Sensitive", "type": "Boolean", "value": "true"}                 | UNEXPECTED_CONTENT | 1 | 50 | 49
      text as a number          | {"tag": "NameValue", "type": "TextString", "value": 1}                   | UNEXPECTED_CONTENT | 1 | 53 | 52
      odd hex                   | {"tag": "KeyMaterial", "type": "ByteString", "value": "abc"}             | BAD_HEX            | 1 | 55 | 54
      bad date                  | {"tag": "ActivationDate", "type": "DateTime", "value": "yesterday"}      | BAD_DATE           | 1 | 56 | 55
      integer too big           | {"tag": "CryptographicLength", "type": "Integer", "value": 4294967296}   | BAD_NUMBER         | 1 | 60 | 59
      unknown enumeration name  | {"tag": "ObjectType", "type": "Enumeration", "value": "Banana"}          | UNKNOWN_NAME       | 1 | 55 | 54
      trailing comma            | {"tag": "RequestPayload", "value": [],}                                  | NOT_WELL_FORMED    | 1 | 39 | 38
      single quotes             | {'tag': "RequestPayload", "value": []}                                   | NOT_WELL_FORMED    | 1 | 2  | 1
      invalid escape            | {"tag": "NameValue", "type": "TextString", "value": "a\\qb"}             | NOT_WELL_FORMED    | 1 | 56 | 55
      unpaired surrogate escape | {"tag": "NameValue", "type": "TextString", "value": "\\ud800"}           | NOT_WELL_FORMED    | 1 | 60 | 59
      unterminated string       | {"tag": "NameValue", "type": "TextString", "value": "abc                 | NOT_WELL_FORMED    | 1 | 57 | 56
      a second value            | {"tag": "RequestPayload", "value": []} {}                                | NOT_WELL_FORMED    | 1 | 40 | 39
      not an object             | 42                                                                       | UNEXPECTED_CONTENT | 1 | 1  | 0
      empty input               | ''                                                                       | NOT_WELL_FORMED    | 1 | 1  | 0
      """)
  // Positions point at the offending value (a bad escape: at its letter; an unterminated string: at the end).
  void malformedInputIsASpecificProblemWithAPosition(String what, String json, Problem expected, int line, int column, long offset) {
    KmipTextException e = assertThrows(KmipTextException.class, () -> JSON.read(json));
    assertEquals(expected, e.problem(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().startsWith("line " + line + ", column " + column + " (offset " + offset + "): "), e.getMessage());
    assertEquals(ResultReason.INVALID_MESSAGE, e.resultReason());
  }

  @Test
  void aControlCharacterInAStringIsRefused() {
    assertEquals(Problem.NOT_WELL_FORMED, problem("{\"tag\": \"NameValue\", \"type\": \"TextString\", \"value\": \"a\u0001b\"}"));
  }

  private static Problem problem(String json) {
    return assertThrows(KmipTextException.class, () -> JSON.read(json)).problem();
  }
}
